import {
  IMAGE_MIME_TYPES,
  MAX_MEDIA_ATTACHMENTS,
  MEDIA_DESCRIPTION_MAX,
  STATUS_MAX,
  type Visibility,
} from '@microposts/core';
import { html, type SafeHtml } from './html.ts';
import type { PageContext } from './context.ts';
import { csrf, type FieldErrors } from './forms.ts';

export interface ComposeState {
  text?: string;
  errors?: FieldErrors;
  inReplyToId?: string;
  /** The username answered, when this is a reply form; labels the form. */
  replyTo?: string;
  /** Alt texts typed for the images (`description_1` …), kept when the form comes back. */
  descriptions?: Record<string, string>;
  /** "Sensitive" was ticked, kept when the form comes back. */
  sensitive?: boolean | undefined;
  /** The visibility selected (what was sent, or a reply's default); public when absent. */
  visibility?: string;
  /** The content warning typed, kept when the form comes back. */
  spoilerText?: string | undefined;
}

const ACCEPT = Object.values(IMAGE_MIME_TYPES).join(',');
const SLOTS = Array.from({ length: MAX_MEDIA_ATTACHMENTS }, (_, i) => i + 1);

// One image: the file and its alt text, each with its error; public/compose.js adds a preview.
function mediaSlot(prefix: string, n: number, state: ComposeState): SafeHtml {
  const fileError = state.errors?.[`media_${n}`];
  const altError = state.errors?.[`description_${n}`];
  const file = `${prefix}-media-${n}`;
  const alt = `${prefix}-description-${n}`;
  return html`<div class="media-slot" data-slot="${n}">
    <img class="media-preview" alt="" hidden />
    <div class="field${fileError ? ' has-error' : ''}">
      <label for="${file}">Image ${n}</label>
      <input
        id="${file}"
        type="file"
        name="media_${n}"
        accept="${ACCEPT}"${fileError ? html` aria-invalid="true" aria-describedby="${file}-error"` : ''}
      />
      ${fileError ? html`<p class="error" id="${file}-error">${fileError}</p>` : ''}
    </div>
    <div class="field${altError ? ' has-error' : ''}">
      <label for="${alt}">Description (alt text)</label>
      <input
        id="${alt}"
        type="text"
        name="description_${n}"
        maxlength="${MEDIA_DESCRIPTION_MAX}"
        value="${state.descriptions?.[`description_${n}`] ?? ''}"
        placeholder="What is in the picture, for people who cannot see it"${altError ? html` aria-invalid="true" aria-describedby="${alt}-error"` : ''}
      />
      ${altError ? html`<p class="error" id="${alt}-error">${altError}</p>` : ''}
    </div>
  </div>`;
}

/** The choices of the visibility select, with the words the status cards use (views/status.ts). */
export const VISIBILITY_CHOICES: ReadonlyArray<[Visibility, string]> = [
  ['public', 'Public'],
  ['unlisted', 'Unlisted (not on public timelines)'],
  ['private', 'Followers only'],
  ['direct', 'Mentioned people only'],
];

// The content warning: readers see it first and open the post to read the text and see the images.
function warningField(prefix: string, state: ComposeState): SafeHtml {
  const error = state.errors?.spoiler_text;
  const id = `${prefix}-spoiler-text`;
  return html`<div class="field compose-warning${error ? ' has-error' : ''}">
    <label for="${id}">Content warning (optional)</label>
    <input
      id="${id}"
      type="text"
      name="spoiler_text"
      maxlength="${STATUS_MAX}"
      value="${state.spoilerText ?? ''}"
      placeholder="Readers see this first, and open the post to read it"${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : html` aria-describedby="${id}-hint"`}
    />
    ${
      error
        ? html`<p class="error" id="${id}-error">${error}</p>`
        : html`<p class="hint" id="${id}-hint">Counted with the text: ${STATUS_MAX} characters together.</p>`
    }
  </div>`;
}

/** The compose form; keeps the typed text and alt texts and shows each error next to its field. */
export function composeForm(ctx: PageContext, state: ComposeState = {}): SafeHtml {
  const error =
    state.errors?.text ??
    state.errors?.in_reply_to_id ??
    state.errors?.visibility ??
    state.errors?.media_ids ??
    state.errors?._form;
  const label = state.replyTo ? `Reply to @${state.replyTo}` : "What's happening?";
  const prefix = 'compose';
  const mediaErrors = Object.keys(state.errors ?? {}).some((k) => /^(media|description)_\d$/.test(k));
  return html`<form method="post" action="/statuses" enctype="multipart/form-data" class="compose card"${state.replyTo ? html` id="reply"` : ''}>
    ${csrf(ctx.csrfToken)}
    ${state.inReplyToId ? html`<input type="hidden" name="in_reply_to_id" value="${state.inReplyToId}" />` : ''}
    <label for="${prefix}-text" class="visually-hidden">${label}</label>
    <textarea
      id="${prefix}-text"
      name="text"
      rows="3"
      maxlength="${STATUS_MAX * 2}"
      placeholder="${label}"${error ? html` aria-invalid="true" aria-describedby="${prefix}-error"` : ''}
    >
${state.text ?? ''}</textarea>
    ${error ? html`<p class="error" id="${prefix}-error">${error}</p>` : ''}
    ${warningField(prefix, state)}
    <details class="compose-media"${mediaErrors || state.descriptions ? html` open` : ''}>
      <summary>Add images</summary>
      <p class="hint">
        Up to ${MAX_MEDIA_ATTACHMENTS}: JPEG, PNG, GIF (first frame), WebP or AVIF, 16 MB each. Location and other
        details stored in a file are removed.${mediaErrors ? ' Please choose the images again.' : ''}
      </p>
      ${SLOTS.map((n) => mediaSlot(prefix, n, state))}
      <div class="field checkbox">
        <input id="${prefix}-sensitive" type="checkbox" name="sensitive" value="true"${state.sensitive ? html` checked` : ''} />
        <label for="${prefix}-sensitive">Sensitive: hide the images until a reader chooses to see them</label>
      </div>
    </details>
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
