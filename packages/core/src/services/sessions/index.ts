// Website sessions, for the web edge's session store. Ids arrive already hashed by the edge.
import type { SessionRecord } from '../../ports/sessions.ts';
import type { ServiceDeps } from '../deps.ts';

export function sessionServices(deps: ServiceDeps) {
  const { uow } = deps;
  return {
    /** A live session, or null when it is unknown, ended or expired. */
    load: (id: string) => uow.sessions.get(id),
    /** Stores a session; an ended session is never brought back by a late save. */
    save: (id: string, record: SessionRecord) => uow.transaction((tx) => tx.sessions.set(id, record)),
    end: (id: string) => uow.transaction((tx) => tx.sessions.destroy(id)),
  };
}
