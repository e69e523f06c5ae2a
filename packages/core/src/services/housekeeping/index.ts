// Hourly clean-up (the housekeeping task): what has expired is deleted.
import type { ServiceDeps } from '../deps.ts';
import { deleteReleasedFiles, purgeUnattached } from '../media/maintenance.ts';

/**
 * Deletes expired sessions, e-mail tokens, OAuth codes, rate-limit counters and mutes that ran out
 * (already without effect: reads check a mute's end), uploads never posted within a day, and the
 * files of deleted media still waiting; returns how many of each.
 */
async function purgeExpired(deps: ServiceDeps) {
  const now = new Date();
  const { sessions, accountTokens, oauth, rateLimits, mutes } = deps.uow;
  return {
    sessions: await sessions.purgeExpired(now),
    tokens: await accountTokens.purgeExpired(now),
    oauthCodes: await oauth.purgeExpiredCodes(now),
    rateLimits: await rateLimits.purgeExpired(now),
    unattachedMedia: await purgeUnattached(deps, now),
    mediaFiles: await deleteReleasedFiles(deps),
    mutes: await mutes.purgeExpired(now),
  };
}

export function housekeepingServices(deps: ServiceDeps) {
  return { purgeExpired: () => purgeExpired(deps) };
}
