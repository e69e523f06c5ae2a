import { throwIfInvalid, ValidationError } from '../../errors.ts';
import type { ProfileChanges } from '../../ports/accounts.ts';
import { bioError, displayNameError } from '../../rules/account-rules.ts';
import { PROCESSING_WAIT_MS } from '../../rules/media-rules.ts';
import type { Account } from '../../types/accounts.ts';
import type { UploadedFile } from '../../types/media.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { awaitProcessed } from '../media/await-processed.ts';
import { checkUploads, type CheckedUpload } from '../media/check-upload.ts';
import { createUploads } from '../media/upload.ts';
import { renderWithMentions } from '../statuses/compose.ts';

export interface UpdateProfileInput {
  actorId: string;
  /** Each field is changed only when given. */
  displayName?: string | undefined;
  bio?: string | undefined;
  mentionEmails?: boolean | undefined;
  /** New profile pictures, processed like attachments (square avatar, 3:1 header). */
  avatar?: UploadedFile | undefined;
  header?: UploadedFile | undefined;
  /** Back to the default picture. */
  removeAvatar?: boolean | undefined;
  removeHeader?: boolean | undefined;
}

// Line breaks and tabs in a display name would break every place it is shown on one line.
const cleanName = (name: string) => name.replace(/[\p{Cc}\p{Cf}]/gu, ' ').trim();
const cleanBio = (bio: string) =>
  bio
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\n]/gu, '')
    .trim();

/**
 * Changes the actor's display name, bio (rendered like status text: links, mentions, hashtags) and
 * e-mail preferences; the website's settings and the API's update_credentials both call it.
 */
export async function updateProfile(deps: ServiceDeps, input: UpdateProfileInput): Promise<Account> {
  const displayName = input.displayName === undefined ? undefined : cleanName(input.displayName);
  const bio = input.bio === undefined ? undefined : cleanBio(input.bio);
  throwIfInvalid({
    display_name: displayName === undefined ? undefined : displayNameError(displayName),
    bio: bio === undefined ? undefined : bioError(bio),
  });
  const pictures: CheckedUpload[] = [];
  for (const purpose of ['avatar', 'header'] as const) {
    const file = input[purpose];
    if (file) pictures.push(...(await checkUploads(deps, [{ file, field: purpose }], purpose)));
  }
  if (pictures.length > 0) await processPictures(deps, input.actorId, pictures);
  return deps.uow.transaction(async (tx) => {
    const actor = await requireActiveActor(tx, input.actorId);
    for (const purpose of ['avatar', 'header'] as const) {
      if (!(purpose === 'avatar' ? input.removeAvatar : input.removeHeader) || input[purpose]) continue;
      await tx.accounts.setProfileImage(actor.id, purpose, null);
      await tx.media.delete(await tx.media.otherProfileImages(actor.id, purpose, '0'));
    }
    const changes: ProfileChanges = {};
    if (displayName !== undefined) changes.displayName = displayName;
    if (bio !== undefined) {
      changes.bio = bio;
      changes.bioHtml = bio ? (await renderWithMentions(tx, deps.baseUrl, bio)).html : '';
    }
    if (input.mentionEmails !== undefined) changes.mentionEmails = input.mentionEmails;
    return tx.accounts.updateProfile(actor.id, changes);
  });
}

// New pictures are uploaded and processed by the worker before the profile's text is saved, so a
// picture the worker refuses refuses the whole change (nothing half-saved). The worker makes a
// processed picture the account's; if it takes longer than the wait, the picture shows when done.
async function processPictures(deps: ServiceDeps, actorId: string, pictures: CheckedUpload[]) {
  const actor = await requireActiveActor(deps.uow, actorId);
  const created = await deps.uow.transaction((tx) => createUploads(tx, actor.id, pictures));
  const done = await awaitProcessed(
    deps,
    created.map((m) => m.id),
    PROCESSING_WAIT_MS,
  );
  const failed = done.filter((m) => m.state === 'failed');
  if (failed.length === 0) return;
  await deps.uow.transaction((tx) => tx.media.delete(failed.map((m) => m.id)));
  const fields: Record<string, string> = {};
  for (const m of failed) fields[pictures[created.findIndex((c) => c.id === m.id)]!.purpose] = m.error!;
  throw new ValidationError(fields);
}
