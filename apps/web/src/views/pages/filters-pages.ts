// Settings › Filters (`/settings/filters`): the viewer's filters, and a form to make or change one —
// title, where it applies, what it does, when it ends, its keywords — without any script: existing
// keywords are rows with a Remove box, and a few empty rows take new ones.
import {
  FILTER_TITLE_MAX,
  filterActive,
  type Filter,
  type FilterAction,
  type FilterContext,
} from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { csrf, field, formError, type FieldErrors } from '../forms.ts';

const dateFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export const CONTEXT_LABELS: Record<FilterContext, string> = {
  home: 'Home timeline',
  notifications: 'Notifications',
  public: 'Public and hashtag timelines',
  thread: 'Threads (replies around a post)',
  account: 'Profiles',
};

const ACTION_LABELS: Record<FilterAction, [string, string]> = {
  warn: ['Hide with a warning', 'The post is collapsed behind “Filtered: <title>”; you can still open it.'],
  hide: ['Hide completely', 'The post is left out, with the notifications about it.'],
};

// Mastodon's choices of expiry, in seconds.
export const EXPIRY_CHOICES: Array<[string, string]> = [
  ['', 'Never'],
  ['1800', '30 minutes'],
  ['3600', '1 hour'],
  ['21600', '6 hours'],
  ['43200', '12 hours'],
  ['86400', '1 day'],
  ['604800', '1 week'],
];

/** How many empty keyword rows the form offers (more after saving). */
const NEW_ROWS = 3;

/** One keyword row of the form, as shown or as sent back. */
export interface KeywordRow {
  id?: string;
  keyword: string;
  wholeWord: boolean;
  destroy?: boolean;
}

/** What the form shows: a filter's values, or what was sent (kept after an error). */
export interface FilterFormValues {
  title: string;
  context: string[];
  action: string;
  /** An EXPIRY_CHOICES value, or `keep` for the end the filter has. */
  expiresIn: string;
  keywords: KeywordRow[];
}

export function filterFormValues(f: Filter | null): FilterFormValues {
  if (!f)
    return { title: '', context: ['home', 'public', 'thread'], action: 'warn', expiresIn: '', keywords: [] };
  return {
    title: f.title,
    context: f.context,
    action: f.action,
    expiresIn: f.expiresAt ? 'keep' : '',
    keywords: f.keywords.map((k) => ({ id: k.id, keyword: k.keyword, wholeWord: k.wholeWord })),
  };
}

function ends(f: Filter): string {
  if (!f.expiresAt) return 'Never ends';
  return filterActive(f)
    ? `Ends ${dateFormat.format(f.expiresAt)} UTC`
    : `Ended ${dateFormat.format(f.expiresAt)} UTC`;
}

/** `/settings/filters`: the viewer's filters, oldest first. */
export function filtersPage(ctx: PageContext, filters: Filter[]): SafeHtml {
  return layout(
    ctx,
    'Filters',
    html`<div class="column settings">
      <p class="breadcrumb"><a href="/settings">Settings</a> › Filters</p>
      <h1>Filters</h1>
      <p>Posts with the words you choose are collapsed behind a warning, or left out, where you say.</p>
      <p><a class="button" href="/settings/filters/new">New filter</a></p>
      ${
        filters.length === 0
          ? html`<p class="empty card">You have no filters.</p>`
          : html`<ul class="filters">
              ${filters.map(
                (f) => html`<li class="card filter${filterActive(f) ? '' : ' expired'}">
                  <div class="filter-head">
                    <h2><a href="/settings/filters/${f.id}">${f.title}</a></h2>
                    <span class="filter-action">${ACTION_LABELS[f.action][0]}</span>
                  </div>
                  <p class="meta">${f.context.map((c) => CONTEXT_LABELS[c]).join(' · ')} — ${ends(f)}</p>
                  ${
                    f.keywords.length
                      ? html`<ul class="filter-keywords" aria-label="Keywords">
                          ${f.keywords.map((k) => html`<li>${k.keyword}${k.wholeWord ? '' : html` <span class="meta">(also inside words)</span>`}</li>`)}
                        </ul>`
                      : ''
                  }
                  ${f.statuses.length ? html`<p class="meta">${f.statuses.length === 1 ? '1 post' : `${f.statuses.length} posts`}</p>` : ''}
                  <p><a class="button secondary small" href="/settings/filters/${f.id}">Edit<span class="visually-hidden"> ${f.title}</span></a></p>
                </li>`,
              )}
            </ul>`
      }
    </div>`,
  );
}

/** `/settings/filters/new` and `/settings/filters/<id>`: the filter's form; an existing one can be deleted. */
export function filterFormPage(
  ctx: PageContext,
  filter: Filter | null,
  values: FilterFormValues,
  errors?: FieldErrors,
): SafeHtml {
  const action = filter ? `/settings/filters/${filter.id}` : '/settings/filters';
  const heading = filter ? `Edit filter “${filter.title}”` : 'New filter';
  const rows = [...values.keywords.filter((k) => k.id), ...values.keywords.filter((k) => !k.id)];
  while (rows.filter((k) => !k.id).length < NEW_ROWS) rows.push({ keyword: '', wholeWord: true });
  const error = (name: string) =>
    errors?.[name] ? html`<p class="error" id="field-${name}-error">${errors[name]}</p>` : '';
  const expiry: Array<[string, string]> =
    filter?.expiresAt && filterActive(filter)
      ? [['keep', `Keep: until ${dateFormat.format(filter.expiresAt)} UTC`], ...EXPIRY_CHOICES]
      : EXPIRY_CHOICES;
  return layout(
    ctx,
    heading,
    html`<div class="column settings">
      <p class="breadcrumb"><a href="/settings">Settings</a> › <a href="/settings/filters">Filters</a> › ${filter ? 'Edit' : 'New'}</p>
      <h1>${heading}</h1>
      <form method="post" action="${action}" class="card filter-form" novalidate>
        ${csrf(ctx.csrfToken)} ${formError(errors)}
        ${field({ name: 'title', label: 'Title', value: values.title, errors, hint: 'Shown on filtered posts: “Filtered: <title>”.', required: true, maxlength: FILTER_TITLE_MAX })}
        <fieldset${errors?.context ? html` aria-describedby="field-context-error"` : ''}>
          <legend>Where it applies</legend>
          ${(Object.keys(CONTEXT_LABELS) as FilterContext[]).map(
            (c) => html`<div class="choice">
              <input type="checkbox" id="context-${c}" name="context[]" value="${c}" ${values.context.includes(c) ? html`checked` : ''} />
              <label for="context-${c}">${CONTEXT_LABELS[c]}</label>
            </div>`,
          )}
          ${error('context')}
        </fieldset>
        <fieldset>
          <legend>What it does</legend>
          ${(Object.keys(ACTION_LABELS) as FilterAction[]).map(
            (a) => html`<div class="choice">
              <input type="radio" id="action-${a}" name="filter_action" value="${a}" aria-describedby="action-${a}-hint" ${values.action === a ? html`checked` : ''} />
              <label for="action-${a}">${ACTION_LABELS[a][0]}</label>
              <p class="hint" id="action-${a}-hint">${ACTION_LABELS[a][1]}</p>
            </div>`,
          )}
          ${error('filter_action')}
        </fieldset>
        <div class="field${errors?.expires_in ? ' has-error' : ''}">
          <label for="field-expires_in">Ends</label>
          <select id="field-expires_in" name="expires_in">
            ${expiry.map(([v, label]) => html`<option value="${v}" ${values.expiresIn === v ? html`selected` : ''}>${label}</option>`)}
          </select>
          ${error('expires_in')}
        </div>
        <fieldset class="filter-keyword-rows">
          <legend>Keywords</legend>
          <p class="hint">Matched ignoring case, in the text, the content warning and image descriptions. Leave a row empty to add nothing.</p>
          ${rows.map((k, i) => {
            const n = `keywords_attributes[${i}]`;
            return html`<div class="filter-keyword-row">
              ${k.id ? html`<input type="hidden" name="${n}[id]" value="${k.id}" />` : ''}
              <div class="field">
                <label for="keyword-${i}">${k.id ? 'Keyword' : 'New keyword'}</label>
                <input type="text" id="keyword-${i}" name="${n}[keyword]" value="${k.keyword}" />
              </div>
              <div class="field checkbox">
                <input type="checkbox" id="keyword-${i}-whole" name="${n}[whole_word]" value="on" ${k.wholeWord ? html`checked` : ''} />
                <label for="keyword-${i}-whole">Whole word</label>
              </div>
              ${
                k.id
                  ? html`<div class="field checkbox">
                      <input type="checkbox" id="keyword-${i}-destroy" name="${n}[_destroy]" value="on" ${k.destroy ? html`checked` : ''} />
                      <label for="keyword-${i}-destroy">Remove</label>
                    </div>`
                  : ''
              }
            </div>`;
          })}
          ${error('keywords')}
        </fieldset>
        <button type="submit" class="button">${filter ? 'Save filter' : 'Make filter'}</button>
      </form>
      ${
        filter
          ? html`<form method="post" action="/settings/filters/${filter.id}/delete" class="card danger-zone">
              ${csrf(ctx.csrfToken)}
              <p>Deleting the filter shows its posts again.</p>
              <button type="submit" class="button danger">Delete filter</button>
            </form>`
          : ''
      }
    </div>`,
  );
}
