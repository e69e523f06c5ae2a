// Website sessions, for the web edge's session store. Ids arrive already hashed by the edge.
import type { SessionRecord } from '../../ports/sessions.ts';
import type { ServiceDeps } from '../deps.ts';

export function sessionServices(deps: ServiceDeps) {
  const { sessions } = deps.uow;
  return {
    /** A live session, or null when it is unknown, ended or expired. */
    load: (id: string) => sessions.get(id),
    /** Stores a session; an ended session is never brought back by a late save. */
    save: (id: string, record: SessionRecord) => sessions.set(id, record),
    end: (id: string) => sessions.destroy(id),
  };
}
