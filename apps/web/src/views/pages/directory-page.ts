import { profilePath, type PublicAccount } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { avatar } from '../status.ts';

/** `/directory`: everyone here, recently active or newest first, a page at a time. */
export function directoryPage(
  ctx: PageContext,
  order: 'active' | 'new',
  accounts: PublicAccount[],
  offset: number,
  limit: number,
): SafeHtml {
  const more = accounts.length === limit ? `/directory?order=${order}&offset=${offset + limit}` : null;
  const tab = (o: 'active' | 'new', label: string) =>
    html`<a href="/directory?order=${o}"${o === order ? html` aria-current="page"` : ''}>${label}</a>`;
  return layout(
    ctx,
    'Directory',
    html`<div class="column">
      <h1 class="section-title">Directory</h1>
      <nav class="tabs" aria-label="Order">${tab('active', 'Recently active')} ${tab('new', 'New arrivals')}</nav>
      ${
        accounts.length === 0
          ? html`<p class="empty">Nobody here yet.</p>`
          : html`<ul class="account-list card">
              ${accounts.map(
                (a) =>
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
      ${more ? html`<nav class="pager" aria-label="Pagination"><a class="button secondary" href="${more}" rel="next">More</a></nav>` : ''}
    </div>`,
  );
}
