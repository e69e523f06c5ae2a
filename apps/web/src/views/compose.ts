import { STATUS_MAX, type Visibility } from '@microposts/core';
import { html, type SafeHtml } from './html.ts';
import type { PageContext } from './context.ts';
import { csrf, type FieldErrors } from './forms.ts';

export interface ComposeState {
  text?: string;
  errors?: FieldErrors;
  inReplyToId?: string;
  /** The username answered, when this is a reply form; labels the form. */
  replyTo?: string;
  /** The visibility selected (what was sent, or a reply's default); public when absent. */
  visibility?: string;
}

/** The choices of the visibility select, with the words the status cards use (views/status.ts). */
export const VISIBILITY_CHOICES: ReadonlyArray<[Visibility, string]> = [
  ['public', 'Public'],
  ['unlisted', 'Unlisted (not on public timelines)'],
  ['private', 'Followers only'],
  ['direct', 'Mentioned people only'],
];

/** The compose form; keeps the typed text and shows the error under it. */
export function composeForm(ctx: PageContext, state: ComposeState = {}): SafeHtml {
  const error =
    state.errors?.text ?? state.errors?.in_reply_to_id ?? state.errors?.visibility ?? state.errors?._form;
  const label = state.replyTo ? `Reply to @${state.replyTo}` : "What's happening?";
  return html`<form method="post" action="/statuses" class="compose card"${state.replyTo ? html` id="reply"` : ''}>
    ${csrf(ctx.csrfToken)}
    ${state.inReplyToId ? html`<input type="hidden" name="in_reply_to_id" value="${state.inReplyToId}" />` : ''}
    <label for="compose-text" class="visually-hidden">${label}</label>
    <textarea
      id="compose-text"
      name="text"
      rows="3"
      maxlength="${STATUS_MAX * 2}"
      placeholder="${label}"
      required${error ? html` aria-invalid="true" aria-describedby="compose-error"` : ''}
    >
${state.text ?? ''}</textarea>
    ${error ? html`<p class="error" id="compose-error">${error}</p>` : ''}
    <div class="compose-footer">
      <label class="visibility"
        >Visibility
        <select name="visibility">
          ${VISIBILITY_CHOICES.map(
            ([value, label]) =>
              html`<option value="${value}"${(state.visibility ?? 'public') === value ? html` selected` : ''}>${label}</option>`,
          )}
        </select>
      </label>
      <span class="counter" data-max="${STATUS_MAX}">${STATUS_MAX} characters</span>
      <button type="submit" class="button">${state.replyTo ? 'Reply' : 'Post'}</button>
    </div>
  </form>`;
}
