// Filters v2: a person's filters, their keywords and the statuses they name. Another person's
// filter, keyword or status filter is "not found", as on Mastodon. Every write is announced by the
// tables' triggers (migration 0020): the read cache drops the person's filters on every process,
// and the person's `user` streams get `filters_changed`.
import { DomainError, ValidationError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import { FILTER_KEYWORDS_MAX } from '../../rules/filter-rules.ts';
import type { UnitOfWork } from '../../ports/unit-of-work.ts';
import type { Filter, FilterKeyword, FilterStatus } from '../../types/filters.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { checkFilterInput, keywordProblem, type FilterInput } from './filter-input.ts';

export interface FilterRef {
  actorId: string;
  id: string;
}

/** The actor's filters, oldest first, with their keywords and statuses (expired ones too, as Mastodon lists them). */
export async function listFilters(deps: ServiceDeps, input: { actorId: string }): Promise<Filter[]> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  return deps.uow.filters.list(actor.id);
}

async function ownFilter(uow: UnitOfWork, actorId: string, id: string): Promise<Filter> {
  const filter = isId(id) ? await uow.filters.find(actorId, id) : null;
  if (!filter) throw new DomainError('not_found');
  return filter;
}

/** One of the actor's filters; another's is not found. */
export async function getFilter(deps: ServiceDeps, input: FilterRef): Promise<Filter> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  return ownFilter(deps.uow, actor.id, input.id);
}

/** Makes a filter with its keywords (`warn` unless said; no end unless `expiresIn`). */
export async function createFilter(
  deps: ServiceDeps,
  input: FilterInput & { actorId: string },
): Promise<Filter> {
  const checked = checkFilterInput(input, true);
  if (checked.keywords.some((k) => k.id)) throw new DomainError('not_found'); // a new filter has no keywords yet
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const id = await deps.uow.transaction((tx) =>
    tx.filters.create(actor.id, {
      title: checked.title!,
      context: checked.context!,
      action: checked.action ?? 'warn',
      expiresAt: checked.expiresAt ?? null,
      keywords: checked.keywords.map((k) => ({ keyword: k.keyword!, wholeWord: k.wholeWord ?? true })),
    }),
  );
  return ownFilter(deps.uow, actor.id, id);
}

/**
 * Changes what is given of a filter; `keywords` rows add (no id), change (an id) or remove (an id
 * with `destroy`) keywords, all in one transaction. A keyword id of another filter is not found.
 */
export async function updateFilter(deps: ServiceDeps, input: FilterInput & FilterRef): Promise<Filter> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const checked = checkFilterInput(input, false);
  await deps.uow.transaction(async (tx) => {
    const filter = await ownFilter(tx, actor.id, input.id);
    const mine = new Set(filter.keywords.map((k) => k.id));
    if (checked.keywords.some((k) => k.id && !mine.has(k.id))) throw new DomainError('not_found');
    const added = checked.keywords.filter((k) => !k.id).length;
    const removed = checked.keywords.filter((k) => k.destroy).length;
    if (filter.keywords.length + added - removed > FILTER_KEYWORDS_MAX)
      throw new ValidationError({ keywords: `Keywords are too many (maximum is ${FILTER_KEYWORDS_MAX})` });
    await tx.filters.update(filter.id, {
      title: checked.title,
      context: checked.context,
      action: checked.action,
      expiresAt: checked.expiresAt,
    });
    for (const k of checked.keywords) {
      if (k.id && k.destroy) await tx.filters.deleteKeyword(k.id);
      else if (k.id) await tx.filters.updateKeyword(k.id, { keyword: k.keyword, wholeWord: k.wholeWord });
      else await tx.filters.addKeyword(filter.id, { keyword: k.keyword!, wholeWord: k.wholeWord ?? true });
    }
  });
  return ownFilter(deps.uow, actor.id, input.id);
}

/** Removes one of the actor's filters with its keywords and statuses. */
export async function removeFilter(deps: ServiceDeps, input: FilterRef): Promise<void> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  await deps.uow.transaction(async (tx) => {
    const filter = await ownFilter(tx, actor.id, input.id);
    await tx.filters.delete(filter.id);
  });
}

/** The keywords of one of the actor's filters. */
export async function listKeywords(deps: ServiceDeps, input: FilterRef): Promise<FilterKeyword[]> {
  return (await getFilter(deps, input)).keywords;
}

async function ownKeyword(uow: UnitOfWork, actorId: string, id: string): Promise<FilterKeyword> {
  const keyword = isId(id) ? await uow.filters.findKeyword(actorId, id) : null;
  if (!keyword) throw new DomainError('not_found');
  return keyword;
}

/** One of the actor's keywords. */
export async function getKeyword(deps: ServiceDeps, input: FilterRef): Promise<FilterKeyword> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  return ownKeyword(deps.uow, actor.id, input.id);
}

export interface KeywordInput {
  keyword?: string | undefined;
  /** Whole words only (default true). */
  wholeWord?: boolean | undefined;
}

/** Adds a keyword to one of the actor's filters. */
export async function addKeyword(
  deps: ServiceDeps,
  input: KeywordInput & { actorId: string; filterId: string },
): Promise<FilterKeyword> {
  const keyword = input.keyword?.trim();
  const problem = keywordProblem(keyword, true);
  if (problem) throw new ValidationError({ keyword: problem });
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const id = await deps.uow.transaction(async (tx) => {
    const filter = await ownFilter(tx, actor.id, input.filterId);
    if (filter.keywords.length >= FILTER_KEYWORDS_MAX)
      throw new ValidationError({ keyword: `Keywords are too many (maximum is ${FILTER_KEYWORDS_MAX})` });
    return tx.filters.addKeyword(filter.id, { keyword: keyword!, wholeWord: input.wholeWord ?? true });
  });
  return ownKeyword(deps.uow, actor.id, id);
}

/** Changes one of the actor's keywords (what is given of it). */
export async function updateKeyword(
  deps: ServiceDeps,
  input: KeywordInput & FilterRef,
): Promise<FilterKeyword> {
  const keyword = input.keyword?.trim();
  const problem = keywordProblem(keyword, false);
  if (problem) throw new ValidationError({ keyword: problem });
  const actor = await requireActiveActor(deps.uow, input.actorId);
  await deps.uow.transaction(async (tx) => {
    const found = await ownKeyword(tx, actor.id, input.id);
    await tx.filters.updateKeyword(found.id, { keyword, wholeWord: input.wholeWord });
  });
  return ownKeyword(deps.uow, actor.id, input.id);
}

/** Removes one of the actor's keywords. */
export async function removeKeyword(deps: ServiceDeps, input: FilterRef): Promise<void> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  await deps.uow.transaction(async (tx) => {
    const found = await ownKeyword(tx, actor.id, input.id);
    await tx.filters.deleteKeyword(found.id);
  });
}

/** The statuses one of the actor's filters names. */
export async function listStatusFilters(deps: ServiceDeps, input: FilterRef): Promise<FilterStatus[]> {
  return (await getFilter(deps, input)).statuses;
}

async function ownStatusFilter(uow: UnitOfWork, actorId: string, id: string): Promise<FilterStatus> {
  const found = isId(id) ? await uow.filters.findStatus(actorId, id) : null;
  if (!found) throw new DomainError('not_found');
  return found;
}

/** One of the actor's status filters. */
export async function getStatusFilter(deps: ServiceDeps, input: FilterRef): Promise<FilterStatus> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  return ownStatusFilter(deps.uow, actor.id, input.id);
}

/**
 * Names a status in one of the actor's filters. A status the actor may not see is refused as one
 * that does not exist (Mastodon's "Status must exist"), so a filter cannot probe for hidden statuses.
 */
export async function addStatusFilter(
  deps: ServiceDeps,
  input: { actorId: string; filterId: string; statusId?: string | undefined },
): Promise<FilterStatus> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const id = await deps.uow.transaction(async (tx) => {
    const filter = await ownFilter(tx, actor.id, input.filterId);
    const statusId = input.statusId ?? '';
    const status = isId(statusId) ? await tx.statuses.findById(statusId, actor.id) : null;
    if (!status) throw new ValidationError({ status_id: 'Status must exist' });
    const added = await tx.filters.addStatus(filter.id, status.id);
    if (!added) throw new ValidationError({ status_id: 'Status has already been taken' });
    return added;
  });
  return ownStatusFilter(deps.uow, actor.id, id);
}

/** Removes one of the actor's status filters. */
export async function removeStatusFilter(deps: ServiceDeps, input: FilterRef): Promise<void> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  await deps.uow.transaction(async (tx) => {
    const found = await ownStatusFilter(tx, actor.id, input.id);
    await tx.filters.deleteStatus(found.id);
  });
}
