// Follows: follow, unfollow, the lists, relationships.
import type { ServiceDeps } from '../deps.ts';
import { follow, unfollow, type FollowInput } from './follow.ts';
import { followers, following, relationships, type FollowListInput } from './follow-lists.ts';

export function followServices(deps: ServiceDeps) {
  return {
    follow: (input: FollowInput) => follow(deps, input),
    unfollow: (input: FollowInput) => unfollow(deps, input),
    followers: (input: FollowListInput) => followers(deps, input),
    following: (input: FollowListInput) => following(deps, input),
    relationships: (input: { actorId: string; targetIds: string[] }) => relationships(deps, input),
  };
}
