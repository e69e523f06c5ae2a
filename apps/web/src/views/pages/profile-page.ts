import type { Account, Status } from '@microposts/core';
import { html, trusted, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { avatar, olderLink, statusList } from '../status.ts';

const joined = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `/@username`: the profile card and the account's statuses. */
export function profilePage(ctx: PageContext, account: Account, statuses: Status[], limit: number): SafeHtml {
  const name = account.displayName || account.username;
  return layout(
    ctx,
    `${name} (@${account.username})`,
    html`<div class="column">
      <section class="card profile" aria-labelledby="profile-name">
        ${avatar(account, 'large')}
        <div>
          <h1 id="profile-name">${name}</h1>
          <p class="handle">@${account.username}</p>
          ${account.bioHtml ? html`<div class="bio">${trusted(account.bioHtml)}</div>` : ''}
          <p class="meta">Joined ${joined.format(account.createdAt)}</p>
        </div>
      </section>
      <h2 class="section-title">Posts</h2>
      ${statusList(ctx, statuses, olderLink(`/@${account.username}`, statuses, limit), `@${account.username} has not posted yet.`)}
    </div>`,
  );
}
