import type { StatusHistory, StatusSource, StatusVersion, Status } from '../../types/statuses.ts';
import type { ServiceDeps } from '../deps.ts';
import { findVisibleStatus } from './get-status.ts';

/** A status as its current version. */
export function currentVersion(status: Status): StatusVersion {
  return {
    text: status.text,
    html: status.html,
    spoilerText: status.spoilerText,
    // As Mastodon: a content warning makes a status sensitive.
    sensitive: (status.sensitive ?? false) || status.spoilerText !== '',
    media: status.media ?? [],
    createdAt: status.editedAt ?? status.createdAt,
  };
}

/**
 * Every version of a status the viewer may see, oldest first: the original, each edit, the current
 * one last (one version for a status never edited), as Mastodon's history. Hidden: not_found.
 */
export async function statusHistory(
  deps: ServiceDeps,
  input: { statusId: string; viewerId?: string | undefined },
): Promise<StatusHistory> {
  const status = await findVisibleStatus(deps.uow, input.statusId, input.viewerId);
  const earlier = await deps.uow.statusEdits.versions(status.id);
  return { account: status.account, versions: [...earlier, currentVersion(status)] };
}

/** The source of a status the viewer may see (Mastodon's: whoever may see it; hidden: not_found). */
export async function statusSource(
  deps: ServiceDeps,
  input: { statusId: string; viewerId?: string | undefined },
): Promise<StatusSource> {
  const status = await findVisibleStatus(deps.uow, input.statusId, input.viewerId);
  return { id: status.id, text: status.text, spoilerText: status.spoilerText };
}
