// The viewer's filters on what a read answers (docs/api.md "Filters"): statuses a `hide` filter of the
// read's context matches are left out (with the notifications about them), the others carry the
// `filtered` results of the viewer's `warn` filters. The Link header is made from the page as read, so
// a page left short by a filter still leads to the next.
import { hiddenBy, type FilterContext, type Notification, type Status } from '@microposts/core';
import type { WebDeps } from '../deps.ts';
import { notificationsJson, statusesJson, type EntityContext } from './entities.ts';

/** The statuses the viewer's filters leave, and the context that serializes them with `filtered`. */
export async function applyFilters(
  deps: WebDeps,
  ctx: EntityContext,
  context: FilterContext,
  list: Status[],
): Promise<{ ctx: EntityContext; kept: Status[] }> {
  if (!ctx.viewerId || list.length === 0) return { ctx, kept: list };
  const filtered = await deps.services.filters.match({ viewerId: ctx.viewerId, context, statuses: list });
  if (filtered.size === 0) return { ctx, kept: list };
  return { ctx: { ...ctx, filtered }, kept: list.filter((s) => !hiddenBy(filtered.get(s.id))) };
}

/** A renderer of a page of statuses shown in `context` (for pagedResponse). */
export function filteredStatusesJson(deps: WebDeps, context: FilterContext) {
  return async (ctx: EntityContext, list: Status[]) => {
    const applied = await applyFilters(deps, ctx, context, list);
    return statusesJson(applied.ctx, applied.kept);
  };
}

/** The notifications the viewer's `notifications` filters leave, and the context with their results. */
export async function applyNotificationFilters(
  deps: WebDeps,
  ctx: EntityContext,
  list: Notification[],
): Promise<{ ctx: EntityContext; kept: Notification[] }> {
  const statuses = list.flatMap((n) => (n.status ? [n.status] : []));
  const applied = await applyFilters(deps, ctx, 'notifications', statuses);
  if (applied.ctx === ctx) return { ctx, kept: list };
  return {
    ctx: applied.ctx,
    kept: list.filter((n) => !n.status || !hiddenBy(applied.ctx.filtered?.get(n.status.id))),
  };
}

/** A renderer of a page of notifications (for pagedResponse). */
export function filteredNotificationsJson(deps: WebDeps) {
  return async (ctx: EntityContext, list: Notification[]) => {
    const applied = await applyNotificationFilters(deps, ctx, list);
    return notificationsJson(applied.ctx, applied.kept);
  };
}
