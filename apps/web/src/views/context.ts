import type { Account, FilterResult } from '@microposts/core';

/** What every page needs to draw its frame: who is looking, and a CSRF token for its forms. */
export interface PageContext {
  viewer: Account | null;
  csrfToken: string;
  path: string;
  flash?: string | undefined;
  /** Unread notifications of the viewer, shown as a badge in the header. */
  unreadNotifications?: number;
  /** The viewer's filter results for the statuses on the page, by status id (views/filtered.ts). */
  filtered?: ReadonlyMap<string, FilterResult[]> | undefined;
}
