import { STATUS_MAX } from '@microposts/core';
import { html, type SafeHtml } from './html.ts';
import type { PageContext } from './context.ts';
import { csrf, type FieldErrors } from './forms.ts';

export interface ComposeState {
  text?: string;
  errors?: FieldErrors;
  inReplyToId?: string;
  /** The username answered, when this is a reply form; labels the form. */
  replyTo?: string;
}

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
          <option value="public">Public</option>
          <option value="unlisted">Unlisted</option>
        </select>
      </label>
      <span class="counter" data-max="${STATUS_MAX}">${STATUS_MAX} characters</span>
      <button type="submit" class="button">${state.replyTo ? 'Reply' : 'Post'}</button>
    </div>
  </form>`;
}
