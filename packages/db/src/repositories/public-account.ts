import type { PublicAccount } from '@microposts/core';

/** The columns of an account anyone may see, for selects that join accounts. */
export const publicAccountColumns = [
  'accounts.id',
  'accounts.username',
  'accounts.display_name',
  'accounts.bio',
  'accounts.bio_html',
  'accounts.created_at',
] as const;

/** Maps a row of publicAccountColumns to the domain type (no e-mail, no flags). */
export function toPublicAccount(row: {
  id: string;
  username: string;
  display_name: string;
  bio: string;
  bio_html: string;
  created_at: Date;
}): PublicAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    bio: row.bio,
    bioHtml: row.bio_html,
    createdAt: row.created_at,
  };
}
