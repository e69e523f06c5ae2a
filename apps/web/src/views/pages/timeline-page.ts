import type { Status } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { composeForm, type ComposeState } from '../compose.ts';
import { olderLink, statusList } from '../status.ts';

/** A switch between the home and the public timeline, for a logged-in person. */
function timelineTabs(tab: 'home' | 'public'): SafeHtml {
  const link = (href: string, label: string, current: boolean) =>
    html`<a href="${href}"${current ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<nav class="tabs timeline-tabs" aria-label="Timelines">
    ${link('/', 'Home', tab === 'home')} ${link('/public', 'Public', tab === 'public')}
  </nav>`;
}

/**
 * `/` and `/public`: the compose form for a logged-in person, then the home timeline (own statuses and
 * those of followed accounts) or the public one, with a switch between them.
 */
export function timelinePage(
  ctx: PageContext,
  statuses: Status[],
  limit: number,
  compose?: ComposeState,
  tab: 'home' | 'public' = 'public',
): SafeHtml {
  const home = tab === 'home';
  return layout(
    ctx,
    home ? 'Home' : 'Public timeline',
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
      ${ctx.viewer ? timelineTabs(tab) : ''}
      ${
        // Logged in, the page has no welcome card: the timeline's heading is its (hidden) level-one heading.
        ctx.viewer
          ? html`<h1 class="visually-hidden">${home ? 'Home timeline' : 'Public timeline'}</h1>`
          : html`<h2 class="section-title">${home ? 'Home timeline' : 'Public timeline'}</h2>`
      }
      <p class="live-notice" data-stream="${home ? 'user' : 'public'}" role="status" hidden>
        <a href="${home ? '/' : ctx.path}">New posts — show</a>
      </p>
      ${statusList(
        ctx,
        statuses,
        olderLink(!home && ctx.path === '/public' ? '/public' : '/', statuses, limit),
        home
          ? 'Your home timeline is empty. Post something, or follow people from their profiles to see their posts here.'
          : 'Nothing here yet. Be the first to post!',
      )}
    </div>`,
  );
}
