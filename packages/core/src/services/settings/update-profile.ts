import { throwIfInvalid } from '../../errors.ts';
import type { ProfileChanges } from '../../ports/accounts.ts';
import { bioError, displayNameError } from '../../rules/account-rules.ts';
import type { Account } from '../../types/accounts.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { renderWithMentions } from '../statuses/compose.ts';

export interface UpdateProfileInput {
  actorId: string;
  /** Each field is changed only when given. */
  displayName?: string | undefined;
  bio?: string | undefined;
  mentionEmails?: boolean | undefined;
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
  return deps.uow.transaction(async (tx) => {
    const actor = await requireActiveActor(tx, input.actorId);
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
