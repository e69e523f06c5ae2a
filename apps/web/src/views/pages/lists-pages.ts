// The Lists pages: `/lists` (your lists and a form to make one), `/lists/:id` (a list's timeline) and
// `/lists/:id/edit` (rename, replies policy, exclusive, members, delete). Every action is a form.
import {
  LIST_TITLE_MAX,
  profilePath,
  type List,
  type ListRepliesPolicy,
  type PublicAccount,
  type Status,
} from '@microposts/core';
import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../context.ts';
import { layout } from '../layout.ts';
import { csrf, field, formError, type FieldErrors } from '../forms.ts';
import { avatar, statusList } from '../status.ts';

/** What a list form sent (kept when it comes back with errors). */
export interface ListFormState {
  title?: string;
  repliesPolicy?: string;
  exclusive?: boolean;
  errors?: FieldErrors;
}

const POLICIES: Array<[ListRepliesPolicy, string]> = [
  ['list', 'Replies to members of the list'],
  ['followed', 'Replies to anyone you follow'],
  ['none', 'No replies to others'],
];

// Title, replies policy and exclusive: the same fields to make a list and to change one.
function listFields(prefix: string, state: ListFormState): SafeHtml {
  const policy = state.repliesPolicy ?? 'list';
  const policyError = state.errors?.replies_policy;
  return html`${field({
    name: 'title',
    label: 'Title',
    value: state.title ?? '',
    errors: state.errors,
    required: true,
    maxlength: LIST_TITLE_MAX,
  })}
    <div class="field${policyError ? ' has-error' : ''}">
      <label for="${prefix}-replies-policy">Show replies</label>
      <select id="${prefix}-replies-policy" name="replies_policy"${policyError ? html` aria-describedby="field-replies_policy-error" aria-invalid="true"` : ''}>
        ${POLICIES.map(
          ([value, label]) =>
            html`<option value="${value}"${policy === value ? html` selected` : ''}>${label}</option>`,
        )}
      </select>
      ${policyError ? html`<p class="error" id="field-replies_policy-error">${policyError}</p>` : ''}
    </div>
    <div class="field checkbox">
      <input id="${prefix}-exclusive" type="checkbox" name="exclusive" value="true"${state.exclusive ? html` checked` : ''} />
      <label for="${prefix}-exclusive">Exclusive: leave the members' posts out of your home timeline</label>
    </div>`;
}

/** `/lists`: the viewer's lists, and a form to make one. */
export function listsPage(ctx: PageContext, lists: List[], state: ListFormState = {}): SafeHtml {
  return layout(
    ctx,
    'Lists',
    html`<div class="column settings">
      <h1>Lists</h1>
      <p>A list gathers some of the people you follow into a timeline of its own. Only you see your lists.</p>
      ${
        lists.length === 0
          ? html`<p class="empty card">You have no lists yet.</p>`
          : html`<ul class="account-list card lists">
              ${lists.map(
                (l) => html`<li class="account-row-with-action">
                  <a href="/lists/${l.id}"><strong>${l.title}</strong></a>
                  <a class="button small secondary" href="/lists/${l.id}/edit" aria-label="Edit ${l.title}">Edit</a>
                </li>`,
              )}
            </ul>`
      }
      <h2>New list</h2>
      <form method="post" action="/lists" class="card" novalidate>
        ${csrf(ctx.csrfToken)} ${formError(state.errors)} ${listFields('new', state)}
        <button type="submit" class="button">Make the list</button>
      </form>
    </div>`,
  );
}

/** `/lists/:id`: the list's timeline. */
export function listTimelinePage(
  ctx: PageContext,
  list: List,
  statuses: Status[],
  olderHref: string | null,
): SafeHtml {
  return layout(
    ctx,
    list.title,
    html`<div class="column">
      <p class="breadcrumb"><a href="/lists">Lists</a> › ${list.title}</p>
      <h1 class="section-title">${list.title}</h1>
      <p><a class="button small secondary" href="/lists/${list.id}/edit">Edit the list and its members</a></p>
      ${statusList(ctx, statuses, olderHref, 'Nothing here yet. Add people you follow to this list.')}
    </div>`,
  );
}

function memberRow(ctx: PageContext, list: List, a: PublicAccount, verb: 'add' | 'remove'): SafeHtml {
  const label = verb === 'add' ? 'Add' : 'Remove';
  return html`<li class="account-row-with-action">
    <a href="${profilePath(a)}" class="account-row"
      >${avatar(a)}
      <span><strong>${a.displayName || a.username}</strong> <span class="handle">@${a.username}</span></span></a
    >
    <form method="post" action="/lists/${list.id}/${verb}" class="inline">
      ${csrf(ctx.csrfToken)}
      <input type="hidden" name="account_id" value="${a.id}" />
      <button type="submit" class="button small${verb === 'remove' ? ' secondary' : ''}" aria-label="${label} @${a.username}">
        ${label}
      </button>
    </form>
  </li>`;
}

/** `/lists/:id/edit`: change the list, its members (from those the viewer follows), or delete it. */
export function listEditPage(
  ctx: PageContext,
  list: List,
  members: PublicAccount[],
  candidates: { accounts: PublicAccount[]; olderHref: string | null },
  state: ListFormState = {},
): SafeHtml {
  const form = {
    title: state.title ?? list.title,
    repliesPolicy: state.repliesPolicy ?? list.repliesPolicy,
    exclusive: state.exclusive ?? list.exclusive,
    errors: state.errors,
  };
  return layout(
    ctx,
    `Edit ${list.title}`,
    html`<div class="column settings">
      <p class="breadcrumb"><a href="/lists">Lists</a> › <a href="/lists/${list.id}">${list.title}</a> › Edit</p>
      <h1>Edit “${list.title}”</h1>
      <form method="post" action="/lists/${list.id}" class="card" novalidate>
        ${csrf(ctx.csrfToken)} ${formError(state.errors)} ${listFields('edit', form)}
        <button type="submit" class="button">Save</button>
      </form>
      <h2>Members</h2>
      ${
        members.length === 0
          ? html`<p class="empty card">Nobody is in this list yet.</p>`
          : html`<ul class="account-list card">${members.map((a) => memberRow(ctx, list, a, 'remove'))}</ul>`
      }
      <h2>Add people you follow</h2>
      ${
        candidates.accounts.length === 0
          ? html`<p class="empty card">Everyone you follow here is in the list already, or you follow nobody yet.</p>`
          : html`<ul class="account-list card">${candidates.accounts.map((a) => memberRow(ctx, list, a, 'add'))}</ul>`
      }
      ${candidates.olderHref ? html`<nav class="pager" aria-label="Pagination"><a class="button secondary" href="${candidates.olderHref}" rel="next">More people you follow</a></nav>` : ''}
      <h2>Delete the list</h2>
      <form method="post" action="/lists/${list.id}/delete" class="card">
        ${csrf(ctx.csrfToken)}
        <p>The people in it stay followed.</p>
        <button type="submit" class="button danger">Delete “${list.title}”</button>
      </form>
    </div>`,
  );
}
