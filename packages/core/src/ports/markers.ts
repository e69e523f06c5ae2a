// The markers table: reading positions.
import type { Marker, MarkerTimeline } from '../types/discovery.ts';

export interface MarkerRepository {
  /** The account's markers of these timelines (those it has). */
  list(accountId: string, timelines: readonly MarkerTimeline[]): Promise<Marker[]>;
  /** Sets a position (it may move back, as on Mastodon); the version counts only real moves. */
  set(accountId: string, timeline: MarkerTimeline, lastReadId: string): Promise<Marker>;
  /** Moves a position forward only (reading on the website never moves it back). */
  advance(accountId: string, timeline: MarkerTimeline, lastReadId: string): Promise<void>;
}
