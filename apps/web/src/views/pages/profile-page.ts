import { profilePath, type PublicAccount, type Relationship, type Status } from '@microposts/core';
import { html, trusted, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { csrf } from '../forms.ts';
import { avatar, olderLink, statusList } from '../status.ts';
import { mediaSrc } from '../media.ts';

const joined = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const count = new Intl.NumberFormat('en');

/** Posts, following and followers of a profile, with their counts; the current one is marked. */
export function profileTabs(ctx: PageContext, account: PublicAccount): SafeHtml {
  const base = profilePath(account);
  const tab = (href: string, n: number, label: string) =>
    html`<a href="${href}"${ctx.path === href ? html` aria-current="page"` : ''}
      ><strong>${count.format(n)}</strong> ${label}</a
    >`;
  return html`<nav class="tabs profile-tabs" aria-label="Profile">
    ${tab(base, account.statusesCount, account.statusesCount === 1 ? 'Post' : 'Posts')}
    ${tab(`${base}/following`, account.followingCount, 'Following')}
    ${tab(`${base}/followers`, account.followersCount, account.followersCount === 1 ? 'Follower' : 'Followers')}
  </nav>`;
}

/** The follow or unfollow button for a logged-in viewer looking at someone else's profile. */
function followButton(ctx: PageContext, account: PublicAccount, relationship?: Relationship): SafeHtml {
  if (!ctx.viewer || ctx.viewer.id === account.id || !relationship) return html``;
  const following = relationship.following;
  return html`<form method="post" action="${profilePath(account)}/${following ? 'unfollow' : 'follow'}" class="follow-form">
    ${csrf(ctx.csrfToken)}
    <button type="submit" class="button${following ? ' secondary' : ''}">${following ? 'Unfollow' : 'Follow'}</button>
    ${relationship.followedBy ? html`<span class="badge-note">Follows you</span>` : ''}
  </form>`;
}

/** `/@username`: the profile card with counts and the follow button, and the account's statuses. */
export function profilePage(
  ctx: PageContext,
  account: PublicAccount,
  statuses: Status[],
  limit: number,
  relationship?: Relationship,
): SafeHtml {
  const name = account.displayName || account.username;
  return layout(
    ctx,
    `${name} (@${account.username})`,
    html`<div class="column">
      ${account.headerKey ? html`<img class="profile-header" src="${mediaSrc(account.headerKey)}" alt="" width="1500" height="500" />` : ''}
      <section class="card profile" aria-labelledby="profile-name">
        ${avatar(account, 'large')}
        <div class="profile-main">
          <h1 id="profile-name">${name}</h1>
          <p class="handle">@${account.username}</p>
          ${account.bioHtml ? html`<div class="bio">${trusted(account.bioHtml)}</div>` : ''}
          <p class="meta">Joined ${joined.format(account.createdAt)}</p>
        </div>
        ${followButton(ctx, account, relationship)}
      </section>
      ${profileTabs(ctx, account)}
      <h2 class="visually-hidden">Posts</h2>
      ${statusList(ctx, statuses, olderLink(profilePath(account), statuses, limit), `@${account.username} has not posted yet.`)}
    </div>`,
  );
}
