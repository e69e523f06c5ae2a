// OAuth scopes as Mastodon 4.x has them: umbrella scopes (read, write, follow) and granular ones.

const READ = [
  'read:accounts',
  'read:blocks',
  'read:bookmarks',
  'read:favourites',
  'read:filters',
  'read:follows',
  'read:lists',
  'read:mutes',
  'read:notifications',
  'read:search',
  'read:statuses',
] as const;

const WRITE = [
  'write:accounts',
  'write:blocks',
  'write:bookmarks',
  'write:conversations',
  'write:favourites',
  'write:filters',
  'write:follows',
  'write:lists',
  'write:media',
  'write:mutes',
  'write:notifications',
  'write:reports',
  'write:statuses',
] as const;

/** Every scope a client may ask for, in the order the metadata document lists them. */
export const SCOPES: readonly string[] = ['read', 'write', 'follow', 'push', 'profile', ...READ, ...WRITE];

/** The scope given when a client asks for none (Mastodon's default). */
export const DEFAULT_SCOPES: readonly string[] = ['read'];

// `follow` is deprecated in Mastodon but still asked for (megalodon's default); it grants what it
// granted before the granular scopes existed: follows, blocks and mutes.
const FOLLOW = ['read:follows', 'write:follows', 'read:blocks', 'write:blocks', 'read:mutes', 'write:mutes'];

const KNOWN = new Set(SCOPES);

/** True when `scope` is one this server knows. */
export function isKnownScope(scope: string): boolean {
  return KNOWN.has(scope);
}

/**
 * Splits a scope parameter into scopes: space, `+` or comma separated, or an array of those.
 * Duplicates are dropped and the order kept. An absent or blank value gives [].
 */
export function parseScopes(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : [value];
  const scopes = parts
    .filter((p): p is string => typeof p === 'string')
    .flatMap((p) => p.split(/[\s+,]+/))
    .filter(Boolean);
  return [...new Set(scopes)];
}

/** The scopes in `scopes` that this server does not know. */
export function unknownScopes(scopes: readonly string[]): string[] {
  return scopes.filter((s) => !KNOWN.has(s));
}

/** True when a single granted scope covers the required one. */
function covers(granted: string, required: string): boolean {
  if (granted === required) return true;
  if (granted === 'read' || granted === 'write') return required.startsWith(`${granted}:`);
  if (granted === 'follow') return FOLLOW.includes(required);
  return false;
}

/**
 * True when the granted scopes allow an action that needs `required`; an array means any one of
 * them is enough (e.g. `['profile', 'read:accounts']` for verify_credentials).
 */
export function hasScope(granted: readonly string[], required: string | readonly string[]): boolean {
  const anyOf = typeof required === 'string' ? [required] : required;
  return anyOf.some((r) => granted.some((g) => covers(g, r)));
}

/** True when every requested scope is covered by the app's registered scopes. */
export function scopesAllowed(requested: readonly string[], registered: readonly string[]): boolean {
  return requested.every((s) => hasScope(registered, s));
}
