// Lists: the actor's lists, their members and their timelines.
import type { PageRequest } from '../../types/common.ts';
import type { Status } from '../../types/statuses.ts';
import type { ServiceDeps } from '../deps.ts';
import { createList, deleteList, getList, lists, ownList, updateList, type ListInput } from './lists.ts';
import { addMembers, listsHolding, members, removeMembers } from './members.ts';

export function listServices(deps: ServiceDeps) {
  return {
    lists: (input: { actorId: string }) => lists(deps, input),
    get: (input: { actorId: string; listId: string }) => getList(deps, input),
    create: (input: { actorId: string } & ListInput) => createList(deps, input),
    update: (input: { actorId: string; listId: string } & ListInput) => updateList(deps, input),
    delete: (input: { actorId: string; listId: string }) => deleteList(deps, input),
    members: (input: { actorId: string; listId: string; page: PageRequest | null }) => members(deps, input),
    addMembers: (input: { actorId: string; listId: string; accountIds: string[] }) => addMembers(deps, input),
    removeMembers: (input: { actorId: string; listId: string; accountIds: string[] }) =>
      removeMembers(deps, input),
    /** The actor's lists holding an account (GET /api/v1/accounts/:id/lists). */
    holding: (input: { actorId: string; accountId: string }) => listsHolding(deps, input),
    /**
     * Who leaves the account out of their home timeline (owners of exclusive lists holding it): one
     * read for every subscriber of the streaming API's user stream.
     */
    excludedFromHomeOf: (accountId: string) => deps.uow.lists.exclusiveOwners(accountId),
    /** The list's timeline, newest first, as its owner may see it. */
    async timeline(input: { actorId: string; listId: string; page: PageRequest }): Promise<Status[]> {
      const list = await ownList(deps.uow, input.actorId, input.listId);
      return deps.uow.lists.timeline(list, input.page);
    },
    /** Whether a status belongs in the actor's list's timeline (false for a list not the actor's). */
    async carries(input: { actorId: string; listId: string; statusId: string }): Promise<boolean> {
      const list = await deps.uow.lists.find(input.actorId, input.listId);
      return !!list && deps.uow.lists.carries(list, input.statusId);
    },
  };
}
