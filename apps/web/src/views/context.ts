import type { Account } from '@microposts/core';

/** What every page needs to draw its frame: who is looking, and a CSRF token for its forms. */
export interface PageContext {
  viewer: Account | null;
  csrfToken: string;
  path: string;
  flash?: string | undefined;
  /** Unread notifications of the viewer, shown as a badge in the header. */
  unreadNotifications?: number;
}
