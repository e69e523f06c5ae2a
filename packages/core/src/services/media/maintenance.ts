// Keeping storage and rows in step: files of deleted media are deleted (released keys), uploads
// never posted are purged after a day, and files no row knows (orphans) are found and removed.
import type { MediaUsage } from '../../types/media.ts';
import type { ServiceDeps } from '../deps.ts';

/** Uploads not posted with a status within this time are deleted by housekeeping. */
export const UNATTACHED_TTL_MS = 24 * 3600 * 1000;
/** A stored file no row knows is an orphan only after this long (its row may be committing now). */
export const ORPHAN_GRACE_MS = 3600 * 1000;
const BATCH = 500;

/** Deletes the files of deleted media from storage; returns how many keys were released. */
export async function deleteReleasedFiles(deps: ServiceDeps): Promise<number> {
  let done = 0;
  for (;;) {
    const keys = await deps.uow.media.releasedKeys(BATCH);
    if (keys.length === 0) return done;
    await deps.storage.delete(keys);
    await deps.uow.media.forgetReleased(keys);
    done += keys.length;
  }
}

/** Deletes uploads older than a day that no status uses (their files follow through the release queue). */
export async function purgeUnattached(deps: ServiceDeps, now = new Date()): Promise<number> {
  return deps.uow.media.purgeUnattached(new Date(now.getTime() - UNATTACHED_TTL_MS));
}

/** What media take: rows by kind, and what the storage holds. */
export async function mediaUsage(deps: ServiceDeps): Promise<MediaUsage> {
  const rows = await deps.uow.media.usage();
  const stored = { files: 0, bytes: 0 };
  for await (const page of deps.storage.list()) {
    stored.files += page.length;
    for (const f of page) stored.bytes += f.bytes;
  }
  return { ...rows, stored };
}

export interface OrphanReport {
  /** Files looked at. */
  checked: number;
  orphans: number;
  bytes: number;
  /** The first few orphans' keys, for the operator to see. */
  examples: string[];
  removed: boolean;
}

/**
 * Finds stored files that no media row, profile or release queue refers to and that are older
 * than an hour (a file is written before its row commits); deletes them unless `dryRun`.
 */
export async function removeOrphans(
  deps: ServiceDeps,
  options: { dryRun?: boolean; now?: Date } = {},
): Promise<OrphanReport> {
  const cutoff = (options.now ?? new Date()).getTime() - ORPHAN_GRACE_MS;
  const report: OrphanReport = { checked: 0, orphans: 0, bytes: 0, examples: [], removed: !options.dryRun };
  for await (const page of deps.storage.list()) {
    report.checked += page.length;
    const known = await deps.uow.media.knownKeys(page.map((f) => f.key));
    const orphans = page.filter((f) => !known.has(f.key) && f.modifiedAt.getTime() < cutoff);
    report.orphans += orphans.length;
    for (const f of orphans) report.bytes += f.bytes;
    report.examples.push(...orphans.slice(0, 10 - report.examples.length).map((f) => f.key));
    if (!options.dryRun && orphans.length > 0) await deps.storage.delete(orphans.map((f) => f.key));
  }
  return report;
}
