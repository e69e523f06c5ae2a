import { profilePath, REPORT_COMMENT_MAX, type PublicAccount, type Status } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { csrf, formError, type FieldErrors } from '../forms.ts';
import { avatar, shortTime } from '../status.ts';

/** What was sent (kept when the form comes back with errors). */
export interface ReportFormState {
  category?: string;
  comment?: string;
  statusIds?: string[];
  errors?: FieldErrors;
}

// The categories a person can choose here; `violation` needs server rules, and this site has none.
const CATEGORIES = [
  ['spam', 'It is spam', 'Advertising, scams, the same thing over and over, or fake engagement.'],
  ['legal', 'It is illegal', 'Something you believe breaks the law.'],
  ['other', 'Something else', 'Harassment, hate, or anything else the moderators should look at.'],
] as const;

/** The first words of a status, as plain text (a label may not hold the status's links). */
function excerpt(status: Status): string {
  const chars = [...status.text];
  return chars.length > 160 ? `${chars.slice(0, 160).join('')}…` : status.text;
}

function errorOf(errors: FieldErrors | undefined, name: string): SafeHtml {
  const error = errors?.[name];
  return error ? html`<p class="error" id="field-${name}-error">${error}</p>` : html``;
}

/** `/@username/report`: why, which posts, and a comment; sent to the moderators. */
export function reportPage(
  ctx: PageContext,
  target: PublicAccount,
  statuses: Status[],
  state: ReportFormState = {},
): SafeHtml {
  const errors = state.errors;
  const category = state.category || 'spam';
  const chosen = new Set(state.statusIds ?? []);
  // A group's error is described on its fieldset (aria-invalid belongs to single inputs).
  const invalid = (name: string) => (errors?.[name] ? html` aria-describedby="field-${name}-error"` : '');
  const commentError = errors?.comment;
  return layout(
    ctx,
    `Report @${target.username}`,
    html`<div class="column report">
      <h1>Report @${target.username}</h1>
      <div class="card report-target">
        ${avatar(target)}
        <p>
          <strong>${target.displayName || target.username}</strong>
          <span class="handle">@${target.username}</span>
        </p>
      </div>
      <p class="report-note">
        Only the moderators of this site see your report. @${target.username} is not told, and never
        learns who reported them.
      </p>
      <form method="post" action="${profilePath(target)}/report" class="card report-form" novalidate>
        ${csrf(ctx.csrfToken)} ${formError(errors)}
        <fieldset class="field${errors?.category ? ' has-error' : ''}"${invalid('category')}>
          <legend>What is wrong?</legend>
          ${CATEGORIES.map(
            ([value, label, hint]) =>
              html`<div class="choice">
                <input
                  type="radio"
                  id="category-${value}"
                  name="category"
                  value="${value}"
                  aria-describedby="category-${value}-hint"
                  ${category === value ? html`checked` : ''}
                />
                <label for="category-${value}">${label}</label>
                <p class="hint" id="category-${value}-hint">${hint}</p>
              </div>`,
          )}
          ${errorOf(errors, 'category')}
        </fieldset>
        <fieldset class="field report-statuses${errors?.status_ids ? ' has-error' : ''}"${invalid('status_ids')}>
          <legend>Posts to include</legend>
          ${
            statuses.length
              ? html`<p class="hint">Optional: the posts that show the problem.</p>
                  ${statuses.map(
                    (s) =>
                      html`<div class="choice status-choice">
                        <input
                          type="checkbox"
                          id="status-${s.id}"
                          name="status_ids[]"
                          value="${s.id}"
                          ${chosen.has(s.id) ? html`checked` : ''}
                        />
                        <label for="status-${s.id}"
                          ><span class="excerpt">${excerpt(s)}</span>
                          <time datetime="${s.createdAt.toISOString()}">${shortTime(s.createdAt)}</time></label
                        >
                      </div>`,
                  )}`
              : html`<p class="hint">@${target.username} has no posts you can see.</p>`
          }
          ${errorOf(errors, 'status_ids')}
        </fieldset>
        <div class="field${commentError ? ' has-error' : ''}">
          <label for="field-comment">Anything else the moderators should know?</label>
          <p class="hint" id="field-comment-hint">Optional, up to ${REPORT_COMMENT_MAX} characters.</p>
          <textarea
            id="field-comment"
            name="comment"
            rows="4"
            aria-describedby="field-comment-hint${commentError ? ' field-comment-error' : ''}"
            ${commentError ? html` aria-invalid="true"` : ''}
          >
${state.comment ?? ''}</textarea
          >
          ${errorOf(errors, 'comment')}
        </div>
        <div class="form-actions">
          <button type="submit" class="button">Send report</button>
          <a href="${profilePath(target)}">Cancel</a>
        </div>
      </form>
    </div>`,
  );
}
