import type { Status } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { composeForm, type ComposeState } from '../compose.ts';
import { olderLink, statusList } from '../status.ts';

/** `/`: the compose form for a logged-in person, then the public timeline. */
export function timelinePage(
  ctx: PageContext,
  statuses: Status[],
  limit: number,
  compose?: ComposeState,
): SafeHtml {
  return layout(
    ctx,
    'Public timeline',
    html`<div class="column">
      ${
        ctx.viewer
          ? composeForm(ctx, compose)
          : html`<section class="card welcome" aria-labelledby="welcome-title">
              <h1 id="welcome-title">What people are saying</h1>
              <p>
                microposts is a small, friendly place for short posts.
                <a href="/signup">Create an account</a> to join in.
              </p>
            </section>`
      }
      <h2 class="section-title">Public timeline</h2>
      ${statusList(ctx, statuses, olderLink('/', statuses, limit), 'Nothing here yet. Be the first to post!')}
    </div>`,
  );
}
