// Statuses: post, view, edit, delete, and the thread around one.
import type { ServiceDeps } from '../deps.ts';
import { createStatus, type CreateStatusInput } from './create-status.ts';
import { deleteStatus } from './delete-status.ts';
import { editStatus, type EditStatusInput } from './edit-status.ts';
import { getStatusContext } from './get-context.ts';
import { getStatus } from './get-status.ts';
import { statusHistory, statusSource } from './status-history.ts';
import { postWithUploads } from './post-with-uploads.ts';
import type { UploadItem } from '../media/check-upload.ts';

export function statusServices(deps: ServiceDeps) {
  return {
    /** Posts a status; with an Idempotency-Key (client API) a repeated key returns the first status. */
    create: (input: CreateStatusInput) => createStatus(deps, input),
    /** The website's compose form: uploads its images, waits for them, then posts (all or nothing). */
    postWithUploads: (
      input: Omit<CreateStatusInput, 'mediaIds' | 'acceptProcessingMedia'> & { uploads: UploadItem[] },
    ) => postWithUploads(deps, input),
    delete: (input: { actorId: string; statusId: string }) => deleteStatus(deps, input),
    get: (id: string, viewerId?: string) => getStatus(deps, id, viewerId),
    /** The status with its ancestors and replies (Mastodon's context). */
    context: (input: { statusId: string; viewerId?: string | undefined }) => getStatusContext(deps, input),
    /** Replaces the text of the actor's own status (client API PUT). */
    edit: (input: EditStatusInput) => editStatus(deps, input),
    /** Every version of a status, oldest first, the current one last (GET …/history, the versions page). */
    history: (input: { statusId: string; viewerId?: string | undefined }) => statusHistory(deps, input),
    /** The text and content warning an edit starts from (GET …/source). */
    source: (input: { statusId: string; viewerId?: string | undefined }) => statusSource(deps, input),
  };
}
