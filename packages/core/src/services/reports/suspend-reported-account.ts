import type { Account } from '../../types/accounts.ts';
import { suspendAccount } from '../admin/moderation.ts';
import type { ServiceDeps } from '../deps.ts';
import { openReport } from './open-report.ts';

/**
 * Suspends the reported account (as the operator's `accounts suspend` does: its sessions end and its
 * tokens are revoked) and resolves every open report about it, as Mastodon does when a moderator
 * acts on an account; all in one transaction. Returns the account and how many reports it resolved.
 */
export async function suspendReportedAccount(
  deps: ServiceDeps,
  input: { actorId: string; reportId: string },
): Promise<{ account: Account; resolved: number }> {
  return deps.uow.transaction(async (tx) => {
    const { moderator, target } = await openReport(tx, input, true);
    const { account } = await suspendAccount({ ...deps, uow: tx }, target.username);
    const resolved = await tx.reports.resolveOpenAbout(target.id, {
      resolution: 'suspended',
      resolvedById: moderator.id,
    });
    return { account, resolved };
  });
}
