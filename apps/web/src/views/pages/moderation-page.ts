import {
  escapeHtml,
  outranks,
  profilePath,
  statusPath,
  type Account,
  type PublicAccount,
  type ReportCategory,
  type ReportDetails,
  type ReportResolution,
} from '@microposts/core';
import { html, trusted, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { csrf } from '../forms.ts';

const CATEGORY: Record<ReportCategory, string> = {
  spam: 'Spam',
  legal: 'Illegal content',
  violation: 'Rule violation',
  other: 'Other',
};
const RESOLUTION: Record<ReportResolution, string> = {
  dismissed: 'Dismissed',
  statuses_deleted: 'Posts deleted',
  suspended: 'Account suspended',
};
const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function time(date: Date): SafeHtml {
  return html`<time datetime="${date.toISOString()}">${when.format(date)} UTC</time>`;
}

function who(account: PublicAccount | null): SafeHtml {
  return account
    ? html`<a href="${profilePath(account)}">@${account.username}</a>`
    : html`<span class="gone">a deleted account</span>`;
}

/** One action on a report: a form with the CSRF token and one button. */
function action(ctx: PageContext, report: ReportDetails, verb: string, label: string, danger = false) {
  return html`<form method="post" action="/moderation/reports/${report.id}/${verb}" class="inline">
    ${csrf(ctx.csrfToken)}
    <button type="submit" class="button small${danger ? ' danger' : ' secondary'}">${label}</button>
  </form>`;
}

function actions(ctx: PageContext, moderator: Account, report: ReportDetails): SafeHtml {
  const target = report.target;
  const mayAct = outranks(moderator.role, target.role);
  const n = report.statuses.length;
  return html`<div class="report-actions" role="group" aria-label="Resolve this report">
    ${action(ctx, report, 'dismiss', 'Dismiss')}
    ${mayAct && n ? action(ctx, report, 'delete-statuses', n === 1 ? 'Delete the post' : `Delete the ${n} posts`, true) : ''}
    ${
      mayAct
        ? action(
            ctx,
            report,
            'suspend',
            target.suspendedAt ? 'Resolve: already suspended' : `Suspend @${target.username}`,
            true,
          )
        : html`<p class="hint">
            @${target.username} is ${target.role === 'admin' ? 'an admin' : 'a moderator'}:
            ${target.role === 'admin' ? 'only an operator can act against them.' : 'only an admin can act against them.'}
          </p>`
    }
  </div>`;
}

function reportCard(ctx: PageContext, moderator: Account, report: ReportDetails): SafeHtml {
  const target = report.target;
  const missing = report.statusIds.length - report.statuses.length;
  return html`<li>
    <article class="card report-card" id="r-${report.id}" aria-labelledby="r-${report.id}-title">
      <header class="report-head">
        <h2 id="r-${report.id}-title">
          Report about <a href="${profilePath(target)}">@${target.username}</a>
        </h2>
        <span class="tag category-${report.category}">${CATEGORY[report.category]}</span>
        ${target.suspendedAt ? html`<span class="tag suspended">Suspended</span>` : ''}
        ${target.role !== 'user' ? html`<span class="tag role">${target.role === 'admin' ? 'Admin' : 'Moderator'}</span>` : ''}
      </header>
      <p class="meta">Reported by ${who(report.reporter)} on ${time(report.createdAt)}</p>
      <h3>Comment</h3>
      ${report.comment ? html`<p class="report-comment">${report.comment}</p>` : html`<p class="meta">No comment.</p>`}
      <h3>Posts</h3>
      ${
        report.statuses.length
          ? html`<ul class="reported-statuses">
              ${report.statuses.map(
                (s) =>
                  html`<li>
                    <blockquote class="reported-status">
                      <div class="content">${trusted(s.html)}</div>
                      <footer>
                        <a href="${statusPath({ id: s.id, account: target })}">${time(s.createdAt)}</a>
                        ${s.visibility !== 'public' ? html` · ${s.visibility}` : ''}${s.editedAt ? ' · edited' : ''}
                      </footer>
                    </blockquote>
                  </li>`,
              )}
            </ul>`
          : ''
      }
      ${
        missing > 0
          ? html`<p class="meta">${missing === 1 ? '1 post' : `${missing} posts`} attached no longer exist${missing === 1 ? 's' : ''}.</p>`
          : report.statuses.length === 0
            ? html`<p class="meta">No posts attached.</p>`
            : ''
      }
      ${
        report.resolvedAt && report.resolution
          ? html`<p class="resolution">
              <strong>${RESOLUTION[report.resolution]}</strong> by ${who(report.resolvedBy)} on
              ${time(report.resolvedAt)}
            </p>`
          : actions(ctx, moderator, report)
      }
    </article>
  </li>`;
}

// A card is made once per ReportDetails object (the data package hands out the same one until the
// report, its accounts or its statuses change) and role of the moderator, with a hole for the
// request's CSRF token, marked with NUL, which no shown text can hold (PostgreSQL stores none).
const CSRF_HOLE = '\u0000c\u0000';
const keptCards = new WeakMap<ReportDetails, { role: Account['role']; parts: string[] }>();

function keptCard(ctx: PageContext, moderator: Account, report: ReportDetails): SafeHtml {
  let kept = keptCards.get(report);
  if (!kept || kept.role !== moderator.role) {
    const template: PageContext = { viewer: ctx.viewer, path: ctx.path, csrfToken: CSRF_HOLE };
    kept = { role: moderator.role, parts: reportCard(template, moderator, report).value.split(CSRF_HOLE) };
    keptCards.set(report, kept);
  }
  return trusted(kept.parts.join(escapeHtml(ctx.csrfToken)));
}

/** `/moderation` (open reports) and `/moderation/resolved`: newest first, with "older" links. */
export function moderationPage(
  ctx: PageContext,
  view: {
    moderator: Account;
    reports: ReportDetails[];
    openCount: number;
    resolved: boolean;
    limit: number;
  },
): SafeHtml {
  const { reports, resolved } = view;
  const base = resolved ? '/moderation/resolved' : '/moderation';
  const last = reports.at(-1);
  const older = reports.length === view.limit && last ? `${base}?max_id=${last.id}` : null;
  const tab = (href: string, label: string) =>
    html`<a href="${href}"${ctx.path === href ? html` aria-current="page"` : ''}>${label}</a>`;
  return layout(
    ctx,
    resolved ? 'Resolved reports' : 'Open reports',
    html`<div class="column moderation">
      <h1>Moderation</h1>
      <nav class="tabs" aria-label="Reports">
        ${tab('/moderation', `Open (${view.openCount})`)} ${tab('/moderation/resolved', 'Resolved')}
      </nav>
      ${
        reports.length
          ? html`<ol class="reports" aria-label="${resolved ? 'Resolved reports' : 'Open reports'}">
              ${reports.map((r) => keptCard(ctx, view.moderator, r))}
            </ol>`
          : html`<p class="empty">${resolved ? 'No resolved reports yet.' : 'No open reports. All done!'}</p>`
      }
      ${older ? html`<nav class="pager" aria-label="Pagination"><a class="button secondary" href="${older}" rel="next">Older reports</a></nav>` : ''}
    </div>`,
  );
}
