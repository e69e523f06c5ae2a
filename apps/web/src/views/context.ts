import type { Account } from '@microposts/core';

/** What every page needs to draw its frame: who is looking, and a CSRF token for its forms. */
export interface PageContext {
  viewer: Account | null;
  csrfToken: string;
  path: string;
  flash?: string | undefined;
}
