import { DomainError, ValidationError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import { isListRepliesPolicy, listTitleError, LISTS_PER_ACCOUNT } from '../../rules/list-rules.ts';
import type { Repositories } from '../../ports/unit-of-work.ts';
import type { List, ListFields } from '../../types/lists.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';

/** What a create or an update may send: raw values, checked here (the API and the website alike). */
export interface ListInput {
  title?: string | undefined;
  repliesPolicy?: string | undefined;
  exclusive?: boolean | undefined;
}

/** The actor's list; `not_found` for another's list or none (Mastodon answers both with 404). */
export async function ownList(repos: Repositories, actorId: string, listId: string): Promise<List> {
  const list = isId(listId) ? await repos.lists.find(actorId, listId) : null;
  if (!list) throw new DomainError('not_found');
  return list;
}

// The fields the input sets, checked; `creating` requires a title.
function checkedFields(input: ListInput, creating: boolean): Partial<ListFields> {
  const errors: Record<string, string> = {};
  const fields: Partial<ListFields> = {};
  if (input.title !== undefined || creating) {
    const title = (input.title ?? '').trim();
    const error = listTitleError(title);
    if (error) errors.title = error;
    fields.title = title;
  }
  if (input.repliesPolicy !== undefined) {
    if (isListRepliesPolicy(input.repliesPolicy)) fields.repliesPolicy = input.repliesPolicy;
    else errors.replies_policy = 'Replies policy is not included in the list';
  }
  if (input.exclusive !== undefined) fields.exclusive = input.exclusive;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return fields;
}

/** The actor's lists, oldest first. */
export async function lists(deps: ServiceDeps, input: { actorId: string }): Promise<List[]> {
  return deps.uow.lists.ownedBy(input.actorId);
}

export async function getList(deps: ServiceDeps, input: { actorId: string; listId: string }): Promise<List> {
  return ownList(deps.uow, input.actorId, input.listId);
}

/** Makes a list (Mastodon's defaults: replies to list members, not exclusive); at most 50 per account. */
export async function createList(deps: ServiceDeps, input: { actorId: string } & ListInput): Promise<List> {
  const fields = checkedFields(input, true);
  return deps.uow.transaction(async (tx) => {
    await requireActiveActor(tx, input.actorId);
    if ((await tx.lists.countOwnedBy(input.actorId)) >= LISTS_PER_ACCOUNT)
      throw new ValidationError({ _form: 'You have reached the maximum number of lists' });
    return tx.lists.create(input.actorId, {
      title: fields.title!,
      repliesPolicy: fields.repliesPolicy ?? 'list',
      exclusive: fields.exclusive ?? false,
    });
  });
}

/** Changes what the input sends of the actor's list. */
export async function updateList(
  deps: ServiceDeps,
  input: { actorId: string; listId: string } & ListInput,
): Promise<List> {
  const fields = checkedFields(input, false);
  return deps.uow.transaction(async (tx) => {
    await requireActiveActor(tx, input.actorId);
    const list = await ownList(tx, input.actorId, input.listId);
    return (await tx.lists.update(input.actorId, list.id, fields)) ?? list;
  });
}

/** Deletes the actor's list and its members (the accounts stay followed). */
export async function deleteList(
  deps: ServiceDeps,
  input: { actorId: string; listId: string },
): Promise<void> {
  await deps.uow.transaction(async (tx) => {
    await requireActiveActor(tx, input.actorId);
    const list = await ownList(tx, input.actorId, input.listId);
    await tx.lists.delete(input.actorId, list.id);
  });
}
