import type { Repositories } from '../../ports/unit-of-work.ts';
import type { Relationship } from '../../types/accounts.ts';

/** The viewer's whole relationship (follows, blocks, mutes) to each target, in the order given. */
export async function relationshipsOf(
  repos: Repositories,
  viewerId: string,
  targetIds: string[],
): Promise<Relationship[]> {
  if (targetIds.length === 0) return [];
  const [follows, blocks, mutes] = await Promise.all([
    repos.follows.relationships(viewerId, targetIds),
    repos.blocks.between(viewerId, targetIds),
    repos.mutes.of(viewerId, targetIds),
  ]);
  return follows.map((f) => {
    const mute = mutes.get(f.id);
    return {
      ...f,
      blocking: blocks.blocking.has(f.id),
      blockedBy: blocks.blockedBy.has(f.id),
      muting: !!mute,
      mutingNotifications: mute?.notifications === true,
    };
  });
}

/** The viewer's relationship to one target. */
export async function relationshipOf(repos: Repositories, viewerId: string, targetId: string) {
  return (await relationshipsOf(repos, viewerId, [targetId]))[0]!;
}

/** True when a block stands between the two accounts, whichever way. */
export async function blockedBetween(repos: Repositories, a: string, b: string): Promise<boolean> {
  const found = await repos.blocks.between(a, [b]);
  return found.blocking.size > 0 || found.blockedBy.size > 0;
}
