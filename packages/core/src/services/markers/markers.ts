import { ValidationError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import { MARKER_TIMELINES, type Marker, type MarkerTimeline } from '../../types/discovery.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';

const known = (names: readonly string[]): MarkerTimeline[] =>
  MARKER_TIMELINES.filter((t) => names.includes(t));

/** The actor's markers of the named timelines; unknown names are ignored, none named gives none (Mastodon). */
export async function getMarkers(
  deps: ServiceDeps,
  input: { actorId: string; timelines: readonly string[] },
): Promise<Marker[]> {
  const timelines = known(input.timelines);
  return timelines.length ? deps.uow.markers.list(input.actorId, timelines) : [];
}

export type MarkerPositions = Partial<Record<MarkerTimeline, string | undefined>>;

/**
 * Saves reading positions. The notifications position is also the read state of the notifications
 * (read up to it, unread after it: the unread count is what lies after the marker, as on
 * Mastodon; mention e-mails of what is read are not sent), in the same transaction.
 */
export async function saveMarkers(
  deps: ServiceDeps,
  input: { actorId: string; positions: MarkerPositions },
): Promise<Marker[]> {
  const given = MARKER_TIMELINES.filter((t) => input.positions[t] !== undefined);
  const problems: Record<string, string> = {};
  for (const t of given) {
    const id = input.positions[t]!.trim();
    if (id === '') problems[t] = "Last read can't be blank";
    else if (!isId(id)) problems[t] = 'Last read is not a number';
  }
  if (Object.keys(problems).length) throw new ValidationError(problems);
  if (given.length === 0) return [];
  return deps.uow.transaction(async (tx) => {
    await requireActiveActor(tx, input.actorId);
    const saved: Marker[] = [];
    for (const t of given) {
      const id = input.positions[t]!.trim();
      saved.push(await tx.markers.set(input.actorId, t, id));
      if (t === 'notifications') await tx.notifications.setReadPosition(input.actorId, id);
    }
    return saved;
  });
}
