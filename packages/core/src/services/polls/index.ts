// Polls: vote, read one, and close one at its end (the worker's job). Posting and editing a status
// with a poll are the statuses' verbs (services/statuses), which call status-poll.ts.
import { DomainError } from '../../errors.ts';
import type { Status } from '../../types/statuses.ts';
import type { ServiceDeps } from '../deps.ts';
import { findVisibleStatus } from '../statuses/get-status.ts';
import { closePoll } from './close-poll.ts';
import { vote, type VoteInput } from './vote.ts';

export function pollServices(deps: ServiceDeps) {
  return {
    /** The status of a poll the viewer may see (its poll is `status.poll`); else not found. */
    get: async (input: { pollId: string; viewerId?: string | undefined }): Promise<Status> => {
      const status = await findVisibleStatus(deps.uow, input.pollId, input.viewerId);
      if (!status.poll) throw new DomainError('not_found');
      return status;
    },
    vote: (input: VoteInput) => vote(deps, input),
    /** Run by the `poll-expiry` job at the poll's end. */
    close: (input: { statusId: string }) => closePoll(deps, input),
  };
}
