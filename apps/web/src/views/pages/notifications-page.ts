import { profilePath, type Notification } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { csrf } from '../forms.ts';
import { avatar, shortTime } from '../status.ts';
import { filteredCard } from '../filtered.ts';

const WHAT: Record<Notification['type'], [string, string]> = {
  mention: ['@', 'mentioned you'],
  follow: ['+', 'followed you'],
  favourite: ['★', 'favourited your post'],
  reblog: ['⟲', 'boosted your post'],
  update: ['✎', 'edited a post you boosted'],
  // From the poll's author: to its voters, and to the author itself.
  poll: ['☑', 'ended a poll you voted in'],
};

/** `/notifications`: newest first; the ones unread until this visit are marked. */
export function notificationsPage(ctx: PageContext, notifications: Notification[], limit: number): SafeHtml {
  const last = notifications.at(-1);
  const older = notifications.length === limit && last ? `/notifications?max_id=${last.id}` : null;
  return layout(
    ctx,
    'Notifications',
    html`<div class="column">
      <div class="notifications-header">
        <h1 class="section-title">Notifications</h1>
        ${
          notifications.length
            ? html`<form method="post" action="/notifications/clear" class="inline">
                ${csrf(ctx.csrfToken)}
                <button type="submit" class="link">Clear all</button>
              </form>`
            : ''
        }
      </div>
      ${
        notifications.length === 0
          ? html`<p class="empty">No notifications yet. When someone follows you, mentions you or favourites your posts, you will see it here.</p>`
          : html`<ol class="notifications">
              ${notifications.map((n) => {
                // A notification about a status the viewer's `hide` filters leave out goes with it.
                const card = n.status ? filteredCard(ctx, n.status) : '';
                if (n.status && card === '') return '';
                const [icon, what] = WHAT[n.type];
                const a = n.account;
                const text = n.type === 'poll' && ctx.viewer?.id === a.id ? '— your poll has ended' : what;
                return html`<li class="notification notification-${n.type}${n.readAt ? '' : ' unread'}">
                  <div class="notification-line">
                    <span class="notification-icon" aria-hidden="true">${icon}</span>
                    <a href="${profilePath(a)}" class="account-row">${avatar(a)}<strong>${a.displayName || a.username}</strong></a>
                    ${text}
                    <time datetime="${n.createdAt.toISOString()}">${shortTime(n.createdAt)}</time>
                    ${n.readAt ? '' : html`<span class="visually-hidden">(new)</span>`}
                    <form method="post" action="/notifications/${n.id}/dismiss" class="inline dismiss">
                      ${csrf(ctx.csrfToken)}
                      <button type="submit" class="link" aria-label="Dismiss this notification">✕</button>
                    </form>
                  </div>
                  ${n.status ? html`<div class="feed">${card}</div>` : ''}
                </li>`;
              })}
            </ol>`
      }
      ${older ? html`<nav class="pager" aria-label="Pagination"><a class="button secondary" href="${older}" rel="next">Older</a></nav>` : ''}
    </div>`,
  );
}
