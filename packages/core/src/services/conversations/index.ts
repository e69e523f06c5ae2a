// Direct conversations: the list, mark read, remove.
import type { PageRequest } from '../../types/common.ts';
import type { ServiceDeps } from '../deps.ts';
import {
  getConversation,
  listConversations,
  markConversationRead,
  removeConversation,
} from './conversations.ts';

export function conversationServices(deps: ServiceDeps) {
  return {
    list: (input: { actorId: string; page: PageRequest }) => listConversations(deps, input),
    /** One of the actor's conversations (the streaming API's `conversation` event). */
    get: (input: { actorId: string; id: string }) => getConversation(deps, input),
    markRead: (input: { actorId: string; id: string }) => markConversationRead(deps, input),
    remove: (input: { actorId: string; id: string }) => removeConversation(deps, input),
  };
}
