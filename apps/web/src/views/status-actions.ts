import type { Status } from '@microposts/core';
import { html, type SafeHtml } from './html.ts';
import type { PageContext } from './context.ts';
import { csrf } from './forms.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Reply, boost, favourite and bookmark actions, with the counts. Favouriting and bookmarking are forms (work
 * without JavaScript) that come back to the page they were sent from, scrolled to the status.
 */
export function statusActions(ctx: PageContext, status: Status, permalink: string): SafeHtml {
  // The accessible names are visually hidden text, not aria-label: a name must contain the visible text
  // (WCAG 2.5.3, label in name), and the visible count alone would not be part of "Reply (2 replies)".
  const replies = html`<a class="action reply" href="${permalink}#reply"
    ><span aria-hidden="true">↩</span> Reply<span class="count" aria-hidden="true">${status.repliesCount || ''}</span
    ><span class="visually-hidden"> (${plural(status.repliesCount, 'reply', 'replies')})</span></a
  >`;
  const favCount = plural(status.favouritesCount, 'favourite', 'favourites');
  if (!ctx.viewer) {
    return html`${replies} ${boostAction(ctx, status, permalink)}
      <span class="action favourite"
        ><span aria-hidden="true">☆</span><span class="count" aria-hidden="true">${status.favouritesCount || ''}</span
        ><span class="visually-hidden">${favCount}</span></span
      >`;
  }
  const verb = status.favourited ? 'unfavourite' : 'favourite';
  return html`${replies} ${boostAction(ctx, status, permalink)}
    <form method="post" action="${permalink}/${verb}" class="inline">
      ${csrf(ctx.csrfToken)}
      <input type="hidden" name="return_to" value="${ctx.path}#s-${status.id}" />
      <button
        type="submit"
        class="action favourite${status.favourited ? ' on' : ''}"
        aria-pressed="${status.favourited ? 'true' : 'false'}"
      >
        <span aria-hidden="true">${status.favourited ? '★' : '☆'}</span
        ><span class="count" aria-hidden="true">${status.favouritesCount || ''}</span
        ><span class="visually-hidden">${status.favourited ? 'Unfavourite' : 'Favourite'} (${favCount})</span>
      </button>
    </form>
    ${bookmarkAction(ctx, status, permalink)}`;
}

// A ribbon drawn inline (no font has a bookmark glyph everywhere), filled when bookmarked.
const ribbon = (on: boolean) =>
  html`<svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path d="M4 1.5h8v13l-4-3-4 3z" fill="${on ? 'currentColor' : 'none'}" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" /></svg>`;

// Only the viewer sees its bookmarks: no count.
function bookmarkAction(ctx: PageContext, status: Status, permalink: string): SafeHtml {
  const on = status.bookmarked;
  return html`<form method="post" action="${permalink}/${on ? 'unbookmark' : 'bookmark'}" class="inline">
    ${csrf(ctx.csrfToken)}
    <input type="hidden" name="return_to" value="${ctx.path}#s-${status.id}" />
    <button type="submit" class="action bookmark${on ? ' on' : ''}" aria-pressed="${on ? 'true' : 'false'}">
      ${ribbon(on)} ${on ? 'Bookmarked' : 'Bookmark'}
    </button>
  </form>`;
}

// Boosts: a form for whom may boost (Mastodon's rule: not a direct post, a followers-only one only
// by its author), the count alone for everyone else.
function boostAction(ctx: PageContext, status: Status, permalink: string): SafeHtml {
  const count = plural(status.reblogsCount, 'boost', 'boosts');
  const shown = html`<span class="count" aria-hidden="true">${status.reblogsCount || ''}</span>`;
  const allowed =
    ctx.viewer &&
    status.visibility !== 'direct' &&
    (status.visibility !== 'private' || ctx.viewer.id === status.account.id);
  if (!allowed) {
    if (status.visibility === 'direct') return html``;
    return html`<span class="action boost"
      ><span aria-hidden="true">⟲</span>${shown}<span class="visually-hidden">${count}</span></span
    >`;
  }
  const on = status.reblogged;
  return html`<form method="post" action="${permalink}/${on ? 'unreblog' : 'reblog'}" class="inline">
    ${csrf(ctx.csrfToken)}
    <input type="hidden" name="return_to" value="${ctx.path}#s-${status.id}" />
    <button type="submit" class="action boost${on ? ' on' : ''}" aria-pressed="${on ? 'true' : 'false'}">
      <span aria-hidden="true">⟲</span> ${on ? 'Boosted' : 'Boost'}${shown}<span class="visually-hidden">
        (${count})</span
      >
    </button>
  </form>`;
}
