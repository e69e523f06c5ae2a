import {
  escapeHtml,
  profilePath,
  statusPath,
  type PublicAccount,
  type Status,
  type Visibility,
} from '@microposts/core';
import { html, trusted, type SafeHtml } from './html.ts';
import type { PageContext } from './context.ts';
import { csrf } from './forms.ts';
import { statusActions } from './status-actions.ts';
import { mediaSrc } from './media.ts';
import { statusMedia } from './status-media.ts';
import { statusPoll } from './status-poll.ts';
import { filteredCard } from './filtered.ts';

// Formatters are made once: each Intl object holds native ICU memory that the garbage collector does
// not see, so making one per call grew a web process to gigabytes under load.
const dayFormat = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
/** "Dec 1, 2026, 2:04 AM" (UTC), for titles and the versions page. */
export const dateFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** "3m", "5h", "Nov 2": short relative times like other microblogs show. */
export function shortTime(date: Date, now = new Date()): string {
  const s = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return dayFormat.format(date);
}

/**
 * A round avatar: the account's picture, or its initial on a colour derived from the id (stable).
 * Decorative: the name is always next to it.
 */
export function avatar(account: PublicAccount, size: 'small' | 'large' = 'small'): SafeHtml {
  if (account.avatarKey)
    return html`<img class="avatar avatar-${size}" src="${mediaSrc(account.avatarKey)}" alt="" width="${size === 'large' ? 84 : 44}" height="${size === 'large' ? 84 : 44}" loading="lazy" />`;
  const hue = Number(BigInt(account.id) % 12n);
  const initial = [...(account.displayName || account.username)][0]!.toUpperCase();
  return html`<span class="avatar avatar-${size} hue-${hue}" aria-hidden="true">${initial}</span>`;
}

// A card is made once per Status object and kind of viewer (nobody, someone, its author), with
// holes for what each request fills in: the relative time, the viewer's CSRF token and the page it
// returns to. The data package hands out the same Status object until what it shows changes, so a
// kept card is never older than its status. The holes are marked with NUL, which no shown text can
// hold (status text refuses it; names and bios have control characters removed).
// eslint-disable-next-line no-control-regex -- NUL marks the holes, on purpose (above)
const HOLE = /\u0000([tcp])\u0000/;
const holes = { time: '\u0000t\u0000', csrf: '\u0000c\u0000', path: '\u0000p\u0000' };
type Viewer = 'nobody' | 'someone' | 'author';
/** A kept card: its text between the holes as UTF-8 bytes (one allocation), and what each hole is. */
interface KeptCard {
  segments: Uint8Array[];
  holes: string[];
}
const kept = new WeakMap<Status, Partial<Record<Viewer, KeptCard>>>();

// The card's text is kept encoded, so a page copies its bytes rather than encoding them again.
function keep(card: string): KeptCard {
  const pieces = card.split(HOLE);
  const texts = pieces.filter((_, i) => i % 2 === 0);
  const all = Buffer.allocUnsafeSlow(texts.reduce((n, t) => n + Buffer.byteLength(t), 0));
  let at = 0;
  const segments = texts.map((t) => {
    const start = at;
    at += all.write(t, at);
    return all.subarray(start, at);
  });
  return { segments, holes: pieces.filter((_, i) => i % 2 === 1) };
}

/**
 * One status as a card, with its author, time, text and the viewer's actions. A boost is its
 * original's card under "<name> boosted", its ids made the boost's own (s-<boost id>), so the
 * original and a boost of it can share a page and the forms come back to the boost.
 */
export function statusCard(ctx: PageContext, status: Status, now = new Date()): SafeHtml {
  if (status.reblog) {
    const b = status.account;
    const inner = statusCard(ctx, status.reblog, now).value.replace(
      new RegExp(`s-${status.reblog.id}(?=["-])`, 'g'),
      `s-${status.id}`,
    );
    return html`<div class="boosted">
      <p class="boosted-by">
        <span aria-hidden="true">⟲</span>
        <a href="${profilePath(b)}">${b.displayName || b.username}</a> boosted
      </p>
      ${trusted(inner)}
    </div>`;
  }
  const viewer: Viewer = !ctx.viewer ? 'nobody' : ctx.viewer.id === status.account.id ? 'author' : 'someone';
  let variants = kept.get(status);
  if (!variants) kept.set(status, (variants = {}));
  let card = variants[viewer];
  if (!card) {
    const template: PageContext = {
      viewer:
        viewer === 'nobody'
          ? null
          : ({ id: viewer === 'author' ? status.account.id : '0' } as PageContext['viewer']),
      csrfToken: holes.csrf,
      path: holes.path,
      unreadNotifications: 0,
    };
    card = variants[viewer] = keep(renderCard(template, status, holes.time).value);
  }
  const parts: (string | Uint8Array)[] = [card.segments[0]!];
  card.holes.forEach((kind, i) => {
    const hole = kind === 't' ? shortTime(status.createdAt, now) : kind === 'c' ? ctx.csrfToken : ctx.path;
    parts.push(escapeHtml(hole), card.segments[i + 1]!);
  });
  return trusted(parts);
}

// Who a status is for, shown on every status that is not public (an icon and words, as Mastodon
// shows an icon by the time).
const AUDIENCE: Record<Exclude<Visibility, 'public'>, [string, string, string]> = {
  unlisted: ['🔓', 'Unlisted', 'Anyone can see this post, but it is not on the public timelines.'],
  private: [
    '🔒',
    'Followers only',
    "Only the author's followers and the people it mentions can see this post.",
  ],
  direct: ['✉', 'Mentioned people only', 'Only the people it mentions can see this post.'],
};

function audience(visibility: Visibility): SafeHtml | '' {
  if (visibility === 'public') return '';
  const [icon, words, title] = AUDIENCE[visibility];
  return html`<span class="audience audience-${visibility}" title="${title}"
    ><span aria-hidden="true">${icon}</span> ${words}</span
  >`;
}

function statusContent(ctx: PageContext, status: Status, permalink: string): SafeHtml {
  return html`<div class="content"${status.language ? html` lang="${status.language}"` : ''}>${trusted(status.html)}</div>
    ${statusMedia(status)}${statusPoll(ctx, status, permalink)}`;
}

function renderCard(ctx: PageContext, status: Status, time: string): SafeHtml {
  const a = status.account;
  const permalink = statusPath(status);
  const own = ctx.viewer?.id === a.id;
  return html`<article class="status" id="s-${status.id}" aria-labelledby="s-${status.id}-author">
    <a href="${profilePath(a)}" tabindex="-1" aria-hidden="true">${avatar(a)}</a>
    <div class="status-body">
      <header class="status-header">
        <a id="s-${status.id}-author" class="author" href="${profilePath(a)}"
          ><strong>${a.displayName || a.username}</strong> <span class="handle">@${a.username}</span></a
        >
        <span class="status-meta"
          >${audience(status.visibility)}${editedLink(status, permalink)}<a class="time" href="${permalink}"
            ><time
              datetime="${status.createdAt.toISOString()}"
              title="${dateFormat.format(status.createdAt)} UTC"
              >${time}</time
            ></a
          ></span
        >
      </header>
      ${
        // A content warning: the text and images behind a <details> the reader opens (no JavaScript).
        status.spoilerText
          ? html`<details class="content-warning">
              <summary
                ><span class="cw-label">Content warning:</span>
                <span class="cw-text"${status.language ? html` lang="${status.language}"` : ''}>${status.spoilerText}</span
                ><span class="cw-hint" aria-hidden="true">Show</span></summary
              >
              ${statusContent(ctx, status, permalink)}
            </details>`
          : statusContent(ctx, status, permalink)
      }
      <footer class="status-actions">
        ${statusActions(ctx, status, permalink)}
        ${
          own
            ? html`${pinAction(ctx, status, permalink)}<form method="post" action="${permalink}/delete" class="inline">
                ${csrf(ctx.csrfToken)}
                <button type="submit" class="link danger" aria-label="Delete this status">Delete</button>
              </form>`
            : ctx.viewer
              ? html`<a class="action report-link" href="${profilePath(a)}/report?status_id=${status.id}"
                  >Report<span class="visually-hidden"> this post</span></a
                >`
              : ''
        }
      </footer>
    </div>
  </article>`;
}

// An edited status says so, with a link to its versions (the history page).
function editedLink(status: Status, permalink: string): SafeHtml | '' {
  if (!status.editedAt) return '';
  return html`<a class="edited" href="${permalink}/history" title="Edited ${dateFormat.format(status.editedAt)} UTC"
    >Edited<span class="visually-hidden"> (see the earlier versions)</span></a
  >`;
}

// Pin or unpin one's own status to the top of one's profile (a form: no script needed). Direct
// statuses cannot be pinned, as on Mastodon.
function pinAction(ctx: PageContext, status: Status, permalink: string): SafeHtml | '' {
  if (status.visibility === 'direct') return '';
  const on = status.pinned;
  return html`<form method="post" action="${permalink}/${on ? 'unpin' : 'pin'}" class="inline">
    ${csrf(ctx.csrfToken)}
    <input type="hidden" name="return_to" value="${ctx.path}#s-${status.id}" />
    <button type="submit" class="action pin${on ? ' on' : ''}">
      ${on ? 'Unpin' : 'Pin'}<span class="visually-hidden"> ${on ? 'from' : 'to'} your profile</span>
    </button>
  </form>`;
}

/** A list of statuses with an "Older" link that keeps its place however many statuses arrive. */
export function statusList(
  ctx: PageContext,
  statuses: Status[],
  olderHref: string | null,
  empty: string,
): SafeHtml {
  if (statuses.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<div class="feed">${statuses.map((s) => filteredCard(ctx, s))}</div>
    ${olderHref ? html`<nav class="pager" aria-label="Pagination"><a class="button secondary" href="${olderHref}" rel="next">Older posts</a></nav>` : ''}`;
}

/** The "older" link for a page: present only when the page was full. */
export function olderLink(basePath: string, statuses: Status[], limit: number): string | null {
  const last = statuses.at(-1);
  return statuses.length === limit && last ? `${basePath}?max_id=${last.id}` : null;
}
