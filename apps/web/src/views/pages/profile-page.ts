import {
  MUTE_DURATIONS,
  profilePath,
  type PublicAccount,
  type Relationship,
  type Status,
} from '@microposts/core';
import { html, trusted, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { csrf } from '../forms.ts';
import { avatar, olderLink, statusList } from '../status.ts';
import { filteredCard } from '../filtered.ts';
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

/** The follow or unfollow button for a logged-in viewer looking at someone else's profile (none across a block). */
function followButton(ctx: PageContext, account: PublicAccount, relationship: Relationship): SafeHtml {
  if (relationship.blocking || relationship.blockedBy) return html``;
  const following = relationship.following;
  return html`<form method="post" action="${profilePath(account)}/${following ? 'unfollow' : 'follow'}" class="follow-form">
    ${csrf(ctx.csrfToken)}
    <button type="submit" class="button${following ? ' secondary' : ''}">${following ? 'Unfollow' : 'Follow'}</button>
    ${relationship.followedBy ? html`<span class="badge-note">Follows you</span>` : ''}
  </form>`;
}

/** A form that is one button posting to the profile's `verb` (unmute, block, unblock). */
function actionButton(ctx: PageContext, account: PublicAccount, verb: string, label: string, danger = false) {
  return html`<form method="post" action="${profilePath(account)}/${verb}" class="inline">
    ${csrf(ctx.csrfToken)}
    <button type="submit" class="button small ${danger ? 'danger' : 'secondary'}">${label}</button>
  </form>`;
}

/** Mute and block, behind "More" (a details element: it opens without JavaScript). */
function moreActions(ctx: PageContext, account: PublicAccount, relationship: Relationship): SafeHtml {
  const name = `@${account.username}`;
  const mute = relationship.muting
    ? actionButton(ctx, account, 'unmute', `Unmute ${name}`)
    : html`<form method="post" action="${profilePath(account)}/mute" class="mute-form">
        ${csrf(ctx.csrfToken)}
        <label for="mute-duration">Mute for</label>
        <select id="mute-duration" name="duration">
          ${MUTE_DURATIONS.map(([seconds, label]) => html`<option value="${seconds}">${label}</option>`)}
        </select>
        <span class="field checkbox"
          ><input id="mute-notifications" type="checkbox" name="notifications" value="on" checked />
          <label for="mute-notifications">Hide their notifications too</label></span
        >
        <button type="submit" class="button small secondary">Mute ${name}</button>
      </form>`;
  const block = relationship.blocking
    ? actionButton(ctx, account, 'unblock', `Unblock ${name}`)
    : actionButton(ctx, account, 'block', `Block ${name}`, true);
  // Their boosts on the home timeline (Mastodon's `reblogs` on a follow).
  const boosts = relationship.following
    ? html`<form method="post" action="${profilePath(account)}/follow" class="inline">
        ${csrf(ctx.csrfToken)}
        <input type="hidden" name="reblogs" value="${relationship.showingReblogs ? 'false' : 'true'}" />
        <button type="submit" class="button small secondary">
          ${relationship.showingReblogs ? `Hide boosts from ${name}` : `Show boosts from ${name}`}
        </button>
      </form>`
    : '';
  return html`<details class="more-actions">
    <summary>More</summary>
    <div class="more-actions-body">${boosts} ${mute} ${block}</div>
  </details>`;
}

/** What a block or a mute means here, above the posts. */
function relationNote(account: PublicAccount, relationship: Relationship | undefined): SafeHtml {
  if (!relationship) return html``;
  const name = `@${account.username}`;
  if (relationship.blocking)
    return html`<p class="card relation-note" role="note">
      You block ${name}: you do not see each other's posts, and neither of you can follow the other.
    </p>`;
  if (relationship.blockedBy)
    return html`<p class="card relation-note" role="note">${name} blocks you: you cannot see their posts.</p>`;
  if (relationship.muting)
    return html`<p class="card relation-note" role="note">
      You mute ${name}: their posts are not in your timelines${relationship.mutingNotifications ? ' and their notifications are hidden' : ''}.
    </p>`;
  return html``;
}

// A pushpin drawn inline (no font has one everywhere).
const pushpin = html`<svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false"><path d="M5.5 1.5h5l-.8 4.2 2.8 3.3h-9l2.8-3.3zM8 9v5.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round" /></svg>`;

/** The pinned statuses the viewer may see, first on the profile's first page, each marked. */
function pinnedSection(ctx: PageContext, pinned: Status[]): SafeHtml {
  // The viewer's `account` filters apply here as below: a hidden one is left out, a warned one collapsed.
  const cards = pinned.flatMap((s) => {
    const card = filteredCard(ctx, s);
    return card === '' ? [] : [card];
  });
  if (cards.length === 0) return html``;
  return html`<section class="feed pinned" aria-labelledby="pinned-title">
    <h2 id="pinned-title" class="visually-hidden">Pinned posts</h2>
    ${cards.map(
      (card) => html`<div class="pinned-status">
        <p class="pinned-label">${pushpin} Pinned</p>
        ${card}
      </div>`,
    )}
  </section>`;
}

/**
 * `/@username`: the profile card with counts and the follow button, the pinned statuses (first page
 * only), and the account's statuses.
 */
export function profilePage(
  ctx: PageContext,
  account: PublicAccount,
  statuses: Status[],
  limit: number,
  relationship?: Relationship,
  pinned: Status[] = [],
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
          ${account.role !== 'user' ? html`<p class="role-badge">${account.role === 'admin' ? 'Admin' : 'Moderator'}</p>` : ''}
          ${account.bioHtml ? html`<div class="bio">${trusted(account.bioHtml)}</div>` : ''}
          <p class="meta">Joined ${joined.format(account.createdAt)}</p>
          ${
            ctx.viewer && ctx.viewer.id !== account.id
              ? html`<p class="profile-report"><a href="${profilePath(account)}/report">Report @${account.username}</a></p>`
              : ''
          }
        </div>
        ${
          ctx.viewer && ctx.viewer.id !== account.id && relationship
            ? html`<div class="profile-actions">
                ${followButton(ctx, account, relationship)} ${moreActions(ctx, account, relationship)}
              </div>`
            : ''
        }
      </section>
      ${profileTabs(ctx, account)} ${relationNote(account, relationship)} ${pinnedSection(ctx, pinned)}
      <h2 class="visually-hidden">Posts</h2>
      ${statusList(
        ctx,
        statuses,
        olderLink(profilePath(account), statuses, limit),
        relationship?.blocking || relationship?.blockedBy
          ? 'No posts to show.'
          : `@${account.username} has not posted yet.`,
      )}
    </div>`,
  );
}
