import { tagPath, type TagTimeline } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { olderLink, statusList } from '../status.ts';

/** `/tags/<tag>`: a hashtag's public posts, newest first. */
export function tagPage(ctx: PageContext, timeline: TagTimeline, limit: number, paged: boolean): SafeHtml {
  const { tag, statuses } = timeline;
  return layout(
    ctx,
    `#${tag.name}`,
    html`<div class="column">
      <section class="card tag-header" aria-labelledby="tag-title">
        <h1 id="tag-title">#${tag.name}</h1>
        <p class="meta">Public posts with this hashtag, newest first.</p>
      </section>
      <h2 class="section-title">Posts</h2>
      ${statusList(
        ctx,
        statuses,
        olderLink(tagPath(tag.name), statuses, limit),
        paged ? 'No older posts with this hashtag.' : `Nobody has posted with #${tag.name} yet.`,
      )}
    </div>`,
  );
}
