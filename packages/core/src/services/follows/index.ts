// Follows: follow, unfollow, the lists, relationships.
import type { PageRequest } from '../../types/common.ts';
import type { ServiceDeps } from '../deps.ts';
import { follow, unfollow, type FollowInput } from './follow.ts';
import { followers, following, relationships } from './follow-lists.ts';

export function followServices(deps: ServiceDeps) {
  return {
    follow: (input: FollowInput) => follow(deps, input),
    unfollow: (input: FollowInput) => unfollow(deps, input),
    followers: (input: { accountId: string; page: PageRequest }) => followers(deps, input),
    following: (input: { accountId: string; page: PageRequest }) => following(deps, input),
    relationships: (input: { actorId: string; targetIds: string[] }) => relationships(deps, input),
  };
}
