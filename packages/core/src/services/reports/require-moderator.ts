import { DomainError } from '../../errors.ts';
import type { Repositories } from '../../ports/unit-of-work.ts';
import { canModerate } from '../../rules/report-rules.ts';
import type { Account } from '../../types/accounts.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';

/**
 * The acting account if it may moderate (a moderator or an admin, not suspended); `forbidden`
 * otherwise. Read afresh on every call (through the read cache, which drops an account on any change
 * to it), so a role taken away by the CLI takes effect at the next request.
 */
export async function requireModerator(repos: Repositories, actorId: string): Promise<Account> {
  const actor = await requireActiveActor(repos, actorId);
  if (!canModerate(actor.role))
    throw new DomainError('forbidden', 'Only moderators and admins can see and resolve reports.');
  return actor;
}
