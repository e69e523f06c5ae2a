// What a reply starts with: the people it answers, like every microblog pre-fills them.
import type { Status } from '../types/statuses.ts';

/**
 * The `@username ` prefix of a reply to `status`: its author first, then the people it mentioned,
 * each once (ignoring case), never the person replying.
 */
export function replyPrefix(status: Pick<Status, 'account' | 'mentions'>, viewerUsername?: string): string {
  const me = viewerUsername?.toLowerCase();
  const seen = new Set<string>();
  const names: string[] = [];
  for (const username of [status.account.username, ...status.mentions.map((m) => m.username)]) {
    const key = username.toLowerCase();
    if (key === me || seen.has(key)) continue;
    seen.add(key);
    names.push(`@${username} `);
  }
  return names.join('');
}
