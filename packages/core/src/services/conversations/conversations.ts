import { DomainError } from '../../errors.ts';
import { isId } from '../../ids.ts';
import type { Entry, PageRequest } from '../../types/common.ts';
import type { Conversation } from '../../types/conversations.ts';
import { requireActiveActor } from '../accounts/require-actor.ts';
import type { ServiceDeps } from '../deps.ts';

/** The actor's direct conversations, newest status first; entry ids are those statuses' ids (the cursor). */
export async function listConversations(
  deps: ServiceDeps,
  input: { actorId: string; page: PageRequest },
): Promise<Entry<Conversation>[]> {
  return deps.uow.conversations.list(input.actorId, input.page);
}

/** One of the actor's conversations; someone else's is not found. */
export async function getConversation(
  deps: ServiceDeps,
  input: { actorId: string; id: string },
): Promise<Conversation> {
  const conversation = isId(input.id) ? await deps.uow.conversations.find(input.actorId, input.id) : null;
  if (!conversation) throw new DomainError('not_found');
  return conversation;
}

/** Marks one of the actor's conversations read and returns it; someone else's is not found. */
export async function markConversationRead(
  deps: ServiceDeps,
  input: { actorId: string; id: string },
): Promise<Conversation> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const found =
    isId(input.id) && (await deps.uow.transaction((tx) => tx.conversations.markRead(actor.id, input.id)));
  const conversation = found ? await deps.uow.conversations.find(actor.id, input.id) : null;
  if (!conversation) throw new DomainError('not_found');
  return conversation;
}

/** Removes one of the actor's conversations from its list (the statuses stay); someone else's is not found. */
export async function removeConversation(
  deps: ServiceDeps,
  input: { actorId: string; id: string },
): Promise<void> {
  const actor = await requireActiveActor(deps.uow, input.actorId);
  const removed =
    isId(input.id) && (await deps.uow.transaction((tx) => tx.conversations.remove(actor.id, input.id)));
  if (!removed) throw new DomainError('not_found');
}
