// Reading positions (Mastodon's markers) for the home timeline and the notifications.
import type { ServiceDeps } from '../deps.ts';
import { getMarkers, saveMarkers, type MarkerPositions } from './markers.ts';

export function markerServices(deps: ServiceDeps) {
  return {
    /** The actor's markers of the named timelines (`home`, `notifications`). */
    get: (input: { actorId: string; timelines: readonly string[] }) => getMarkers(deps, input),
    /** Saves positions; the notifications one is also what is read. */
    save: (input: { actorId: string; positions: MarkerPositions }) => saveMarkers(deps, input),
  };
}
