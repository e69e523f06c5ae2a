// What each OAuth scope lets an app do, in words a person can judge before approving.
const DESCRIPTIONS: Record<string, string> = {
  read: 'Read everything in your account: posts, follows, favourites, notifications',
  write: 'Post, edit and delete for you, follow, favourite and change your profile',
  follow: 'Follow and unfollow accounts for you, and see whom you follow',
  push: 'Receive your notifications as push messages',
  profile: 'See your basic profile (username, display name, bio)',
  'read:accounts': 'See account information',
  'read:favourites': 'See your favourites',
  'read:follows': 'See whom you follow',
  'read:notifications': 'See your notifications',
  'read:search': 'Search for you',
  'read:statuses': 'See posts, including your home timeline',
  'write:accounts': 'Change your profile',
  'write:favourites': 'Favourite posts for you',
  'write:follows': 'Follow and unfollow accounts for you',
  'write:notifications': 'Clear and dismiss your notifications',
  'write:statuses': 'Post, edit and delete posts for you',
};

/** A sentence describing what a scope allows. */
export function describeScope(scope: string): string {
  const known = DESCRIPTIONS[scope];
  if (known) return known;
  const [kind, what] = scope.split(':');
  const noun = (what ?? scope).replace(/_/g, ' ');
  return kind === 'read' ? `See your ${noun}` : kind === 'write' ? `Change your ${noun}` : scope;
}
