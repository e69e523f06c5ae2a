import { profilePath, type Entry, type PublicAccount } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { avatar } from '../status.ts';
import { profileTabs } from './profile-page.ts';

/** `/@username/followers` and `/@username/following`: accounts, newest relation first. */
export function accountListPage(
  ctx: PageContext,
  account: PublicAccount,
  list: 'followers' | 'following',
  entries: Entry<PublicAccount>[],
  limit: number,
): SafeHtml {
  const title =
    list === 'followers' ? `People following @${account.username}` : `People @${account.username} follows`;
  const last = entries.at(-1);
  const older = entries.length === limit && last ? `${profilePath(account)}/${list}?max_id=${last.id}` : null;
  return layout(
    ctx,
    title,
    html`<div class="column">
      <h1 class="section-title">${title}</h1>
      ${profileTabs(ctx, account)}
      ${
        entries.length === 0
          ? html`<p class="empty">
              ${list === 'followers' ? `Nobody follows @${account.username} yet.` : `@${account.username} does not follow anyone yet.`}
            </p>`
          : html`<ul class="account-list card">
              ${entries.map(
                ({ item: a }) =>
                  html`<li>
                    <a href="${profilePath(a)}" class="account-row"
                      >${avatar(a)}
                      <span
                        ><strong>${a.displayName || a.username}</strong>
                        <span class="handle">@${a.username}</span></span
                      ></a
                    >
                  </li>`,
              )}
            </ul>`
      }
      ${older ? html`<nav class="pager" aria-label="Pagination"><a class="button secondary" href="${older}" rel="next">Older</a></nav>` : ''}
    </div>`,
  );
}
