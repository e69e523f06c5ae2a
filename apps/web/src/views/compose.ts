import {
  IMAGE_MIME_TYPES,
  MAX_MEDIA_ATTACHMENTS,
  MEDIA_DESCRIPTION_MAX,
  POLL_MAX_OPTIONS,
  POLL_OPTION_MAX_CHARS,
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
  /** The poll typed, kept when the form comes back. */
  poll?: ComposePoll | undefined;
}

/** The poll fields of the compose form. */
export interface ComposePoll {
  options: string[];
  expiresIn: string;
  multiple: boolean;
  hideTotals: boolean;
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

/** How long a poll runs: the compose form's choices (seconds), within rules/poll-rules.ts's limits. */
export const POLL_DURATIONS: ReadonlyArray<[string, string]> = [
  ['300', '5 minutes'],
  ['1800', '30 minutes'],
  ['3600', '1 hour'],
  ['21600', '6 hours'],
  ['86400', '1 day'],
  ['259200', '3 days'],
  ['604800', '7 days'],
];
const POLL_SLOTS = Array.from({ length: POLL_MAX_OPTIONS }, (_, i) => i + 1);

// A poll: up to four options (blank ones are left out), how long it runs, one or several choices.
function pollFields(prefix: string, state: ComposeState): SafeHtml {
  const error = state.errors?.poll;
  const poll = state.poll;
  const id = `${prefix}-poll`;
  return html`<details class="compose-poll"${poll || error ? html` open` : ''}>
    <summary>Add a poll</summary>
    <fieldset class="poll-options${error ? ' has-error' : ''}"${error ? html` aria-describedby="${id}-error"` : ''}>
      <legend class="visually-hidden">Poll options</legend>
      ${POLL_SLOTS.map(
        (n) => html`<div class="field">
          <label for="${id}-option-${n}">Option ${n}${n > 2 ? ' (optional)' : ''}</label>
          <input
            id="${id}-option-${n}"
            type="text"
            name="poll_option_${n}"
            maxlength="${POLL_OPTION_MAX_CHARS * 2}"
            value="${poll?.options[n - 1] ?? ''}"${error ? html` aria-invalid="true"` : ''}
          />
        </div>`,
      )}
    </fieldset>
    ${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
    <div class="poll-settings">
      <label
        >Poll length
        <select name="poll_expires_in">
          ${POLL_DURATIONS.map(
            ([value, label]) =>
              html`<option value="${value}"${(poll?.expiresIn ?? '86400') === value ? html` selected` : ''}>${label}</option>`,
          )}
        </select>
      </label>
      <span class="field checkbox">
        <input id="${id}-multiple" type="checkbox" name="poll_multiple" value="true"${poll?.multiple ? html` checked` : ''} />
        <label for="${id}-multiple">Allow several choices</label>
      </span>
      <span class="field checkbox">
        <input id="${id}-hide-totals" type="checkbox" name="poll_hide_totals" value="true"${poll?.hideTotals ? html` checked` : ''} />
        <label for="${id}-hide-totals">Hide the results until it ends</label>
      </span>
    </div>
    <p class="hint">Up to ${POLL_MAX_OPTIONS} options of ${POLL_OPTION_MAX_CHARS} characters. A post with a poll cannot have images.</p>
  </details>`;
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
    ${pollFields(prefix, state)}
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
