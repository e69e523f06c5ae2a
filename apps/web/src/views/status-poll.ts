// A status's poll on the website: a vote form (radio buttons or checkboxes, no JavaScript needed)
// until the viewer has voted or the poll has ended, then the results as bars. The author sees the
// results from the start. With hide_totals the counts stay hidden until the end, as on Mastodon.
import { pollExpired, type Status } from '@microposts/core';
import { html, type SafeHtml } from './html.ts';
import type { PageContext } from './context.ts';
import { csrf } from './forms.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "in 3 hours", "in 5 minutes", "in 2 days": how long until a time. */
function timeLeft(until: Date, now: Date): string {
  const s = Math.max(0, Math.round((until.getTime() - now.getTime()) / 1000));
  if (s < 3600) return plural(Math.max(1, Math.round(s / 60)), 'minute', 'minutes');
  if (s < 86400) return plural(Math.round(s / 3600), 'hour', 'hours');
  return plural(Math.round(s / 86400), 'day', 'days');
}

/** The poll of a status as the page's viewer sees it ('' when it has none). */
export function statusPoll(
  ctx: PageContext,
  status: Status,
  permalink: string,
  now = new Date(),
): SafeHtml | '' {
  const poll = status.poll;
  if (!poll) return '';
  const expired = pollExpired(poll, now);
  const own = ctx.viewer?.id === status.account.id;
  const voted = poll.ownVotes !== null;
  const showTotals = expired || !poll.hideTotals;
  const people = poll.multiple
    ? plural(poll.votersCount, 'person', 'people')
    : plural(poll.votesCount, 'vote', 'votes');
  const meta = html`<p class="poll-meta">
    ${people} · ${expired ? 'Closed' : html`Ends in ${timeLeft(poll.expiresAt, now)}`}${
      !expired && poll.hideTotals ? ' · Results are shown when the poll ends' : ''
    }
  </p>`;
  if (ctx.viewer && !own && !voted && !expired) {
    const kind = poll.multiple ? 'checkbox' : 'radio';
    return html`<form method="post" action="${permalink}/vote" class="poll poll-form">
      ${csrf(ctx.csrfToken)}
      <input type="hidden" name="return_to" value="${ctx.path}#s-${status.id}" />
      <fieldset>
        <legend class="visually-hidden">Poll: ${poll.multiple ? 'choose one or more' : 'choose one'}</legend>
        ${poll.options.map(
          (title, i) =>
            html`<label class="poll-choice"
              ><input type="${kind}" name="choices[]" value="${String(i)}" /> <span>${title}</span></label
            >`,
        )}
      </fieldset>
      <div class="poll-footer">
        <button type="submit" class="button secondary">Vote</button>
        ${meta}
      </div>
    </form>`;
  }
  // Results: after voting, after the end, for the author; before that, to someone logged out, the
  // options without counts (as to a voter before voting).
  const counted = showTotals && (voted || own || expired);
  // As Mastodon shows them: a share of the votes, or of the voters when several choices are allowed.
  const total = poll.multiple ? poll.votersCount : poll.votesCount;
  const most = Math.max(0, ...poll.votesCounts);
  return html`<div class="poll poll-results">
    <ul>
      ${poll.options.map((title, i) => {
        const n = poll.votesCounts[i] ?? 0;
        const percent = total > 0 ? Math.round((n / total) * 100) : 0;
        const mine = poll.ownVotes?.includes(i) === true;
        return html`<li class="poll-option${mine ? ' own' : ''}${counted && n === most && n > 0 ? ' leading' : ''}">
          <span class="poll-title">${title}${mine ? html` <span class="poll-own">(your vote)</span>` : ''}</span>
          ${
            counted
              ? html`<span class="poll-percent">${percent}%</span>
                  <progress max="100" value="${String(percent)}" aria-label="${title}: ${plural(n, 'vote', 'votes')}">${percent}%</progress>`
              : ''
          }
        </li>`;
      })}
    </ul>
    ${meta}
  </div>`;
}
