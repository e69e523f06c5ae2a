import { profilePath, type Entry, type MutedAccount, type PublicAccount } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { csrf } from '../forms.ts';
import { avatar } from '../status.ts';

const until = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

interface ListPage<T extends PublicAccount> {
  title: string;
  intro: string;
  empty: string;
  path: string;
  verb: 'unblock' | 'unmute';
  label: string;
  note?: (item: T) => string;
}

// One row per account with the button that lifts the block or mute, and an "Older" link by entry id.
function accountsPage<T extends PublicAccount>(
  ctx: PageContext,
  page: ListPage<T>,
  entries: Entry<T>[],
  limit: number,
): SafeHtml {
  const last = entries.at(-1);
  const older = entries.length === limit && last ? `${page.path}?max_id=${last.id}` : null;
  return layout(
    ctx,
    page.title,
    html`<div class="column settings">
      <p class="breadcrumb"><a href="/settings">Settings</a> › ${page.title}</p>
      <h1>${page.title}</h1>
      <p>${page.intro}</p>
      ${
        entries.length === 0
          ? html`<p class="empty card">${page.empty}</p>`
          : html`<ul class="account-list card">
              ${entries.map(
                ({ item: a }) =>
                  html`<li class="account-row-with-action">
                    <a href="${profilePath(a)}" class="account-row"
                      >${avatar(a)}
                      <span
                        ><strong>${a.displayName || a.username}</strong>
                        <span class="handle">@${a.username}</span>${page.note ? html`<span class="meta"> ${page.note(a)}</span>` : ''}</span
                      ></a
                    >
                    <form method="post" action="${profilePath(a)}/${page.verb}" class="inline">
                      ${csrf(ctx.csrfToken)}
                      <input type="hidden" name="return_to" value="${page.path}" />
                      <button type="submit" class="button small secondary" aria-label="${page.label} @${a.username}">
                        ${page.label}
                      </button>
                    </form>
                  </li>`,
              )}
            </ul>`
      }
      ${older ? html`<nav class="pager" aria-label="Pagination"><a class="button secondary" href="${older}" rel="next">Older</a></nav>` : ''}
    </div>`,
  );
}

/** `/settings/blocks`: the accounts the viewer blocks, newest first, each with Unblock. */
export function blockedAccountsPage(
  ctx: PageContext,
  entries: Entry<PublicAccount>[],
  limit: number,
): SafeHtml {
  return accountsPage(
    ctx,
    {
      title: 'Blocked accounts',
      intro: 'You and the people you block do not see each other, and neither can follow the other.',
      empty: 'You do not block anyone.',
      path: '/settings/blocks',
      verb: 'unblock',
      label: 'Unblock',
    },
    entries,
    limit,
  );
}

/** `/settings/mutes`: the accounts the viewer mutes, newest first, with the end of each mute and Unmute. */
export function mutedAccountsPage(ctx: PageContext, entries: Entry<MutedAccount>[], limit: number): SafeHtml {
  return accountsPage(
    ctx,
    {
      title: 'Muted accounts',
      intro: 'Posts of the people you mute stay out of your timelines; you still see them on their profiles.',
      empty: 'You do not mute anyone.',
      path: '/settings/mutes',
      verb: 'unmute',
      label: 'Unmute',
      note: (a) => (a.muteExpiresAt ? `until ${until.format(a.muteExpiresAt)} UTC` : 'until you unmute'),
    },
    entries,
    limit,
  );
}
