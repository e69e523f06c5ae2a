import type { Status } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { statusList } from '../status.ts';

/**
 * `/bookmarks`: the viewer's bookmarked posts, newest bookmark first; only what the viewer may still
 * see. The "older" link pages by bookmark id (a post bookmarked long after it was written keeps its
 * place), so it is given by the route.
 */
export function bookmarksPage(ctx: PageContext, statuses: Status[], olderHref: string | null): SafeHtml {
  return layout(
    ctx,
    'Bookmarks',
    html`<div class="column">
      <h1 class="section-title">Bookmarks</h1>
      <p class="hint">Only you see your bookmarks.</p>
      ${statusList(ctx, statuses, olderHref, 'No bookmarks yet. Press “Bookmark” under a post to keep it here.')}
    </div>`,
  );
}
