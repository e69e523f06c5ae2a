import { profilePath, tagPath, type PublicAccount, type SearchResults } from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import type { FieldErrors } from '../forms.ts';
import { avatar, statusList } from '../status.ts';

export interface SearchState {
  q: string;
  type: string;
  offset: number;
  limit: number;
  errors?: FieldErrors | undefined;
  results?: SearchResults | undefined;
}

const TYPES: [string, string][] = [
  ['', 'Everything'],
  ['accounts', 'People'],
  ['hashtags', 'Hashtags'],
  ['statuses', 'Posts'],
];

function searchHref(q: string, type: string, offset: number): string {
  const params = new URLSearchParams({ q, type });
  if (offset > 0) params.set('offset', String(offset));
  return `/search?${params}`;
}

/** The search box; keeps the query and shows its error under it. */
export function searchForm(state: Pick<SearchState, 'q' | 'type' | 'errors'>): SafeHtml {
  const error = state.errors?.q ?? state.errors?.type;
  return html`<form method="get" action="/search" role="search" class="card search-form">
    <label for="search-q">Search people, hashtags and posts</label>
    <div class="search-row">
      <input
        id="search-q"
        name="q"
        type="search"
        value="${state.q}"
        maxlength="1000"
        autocomplete="off"
        placeholder="@name, #hashtag or words"
        ${error ? html` aria-invalid="true" aria-describedby="search-error"` : ''}
      />
      <label class="visually-hidden" for="search-type">What to search</label>
      <select id="search-type" name="type">
        ${TYPES.map(([value, label]) => html`<option value="${value}" ${state.type === value ? html`selected` : ''}>${label}</option>`)}
      </select>
      <button type="submit" class="button">Search</button>
    </div>
    ${error ? html`<p class="error" id="search-error">${error}</p>` : ''}
    <p class="hint">Tip: use "quotes" for a phrase, OR between alternatives, and -word to leave a word out.</p>
  </form>`;
}

function accountItem(a: PublicAccount): SafeHtml {
  return html`<li>
    <a class="account-result" href="${profilePath(a)}"
      >${avatar(a)}
      <span><strong>${a.displayName || a.username}</strong> <span class="handle">@${a.username}</span></span></a
    >
  </li>`;
}

function more(state: SearchState, type: string, count: number, label: string): SafeHtml | string {
  return count === state.limit
    ? html`<nav class="pager" aria-label="More ${label}"><a class="button secondary" href="${searchHref(state.q, type, state.type === type ? state.offset + state.limit : state.limit)}" rel="next">More ${label}</a></nav>`
    : '';
}

function results(ctx: PageContext, state: SearchState, r: SearchResults): SafeHtml {
  const show = (type: string) => state.type === '' || state.type === type;
  const nothing = r.accounts.length + r.hashtags.length + r.statuses.length === 0;
  if (nothing)
    return html`<p class="empty">${state.offset > 0 ? 'No more results.' : `Nothing found for “${state.q}”.`}</p>`;
  return html`${
    show('accounts') && r.accounts.length > 0
      ? html`<section aria-labelledby="results-accounts">
          <h2 class="section-title" id="results-accounts">People</h2>
          <ul class="card result-list">${r.accounts.map(accountItem)}</ul>
          ${more(state, 'accounts', r.accounts.length, 'people')}
        </section>`
      : ''
  }
  ${
    show('hashtags') && r.hashtags.length > 0
      ? html`<section aria-labelledby="results-hashtags">
          <h2 class="section-title" id="results-hashtags">Hashtags</h2>
          <ul class="card result-list tags">
            ${r.hashtags.map((t) => html`<li><a href="${tagPath(t.name)}">#${t.name}</a></li>`)}
          </ul>
          ${more(state, 'hashtags', r.hashtags.length, 'hashtags')}
        </section>`
      : ''
  }
  ${
    show('statuses') && r.statuses.length > 0
      ? html`<section aria-labelledby="results-statuses">
          <h2 class="section-title" id="results-statuses">Posts</h2>
          ${statusList(ctx, r.statuses, null, '')} ${more(state, 'statuses', r.statuses.length, 'posts')}
        </section>`
      : ''
  }`;
}

/** `/search`: the search form and, once something was asked, the results or the reason there are none. */
export function searchPage(ctx: PageContext, state: SearchState): SafeHtml {
  return layout(
    ctx,
    state.q && !state.errors ? `Search: ${state.q}` : 'Search',
    html`<div class="column">
      <h1 class="visually-hidden">Search</h1>
      ${searchForm(state)} ${state.results ? results(ctx, state, state.results) : ''}
    </div>`,
  );
}
