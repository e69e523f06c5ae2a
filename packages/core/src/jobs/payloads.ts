// The payload of every task, by task name. Enqueueing is typed by this map; each task checks its
// payload again at run time (assertPayload), because a job row can hold anything.
import { isId } from '../ids.ts';

export interface JobPayloads {
  /** One mention e-mail: to accountId, about statusId. */
  'mention-email': { statusId: string; accountId: string };
  /** The e-mail with a link that confirms an address (row in account_tokens). */
  'confirm-email': { tokenId: string };
  /** The e-mail with a password reset link (row in account_tokens). */
  'password-reset-email': { tokenId: string };
  /**
   * A reset asked for on the website: the worker looks the address up and issues the link, so the
   * request does the same work whether or not the address has an account (nothing to time).
   */
  'password-reset-request': { email: string };
  /** Purges expired sessions, e-mail tokens and OAuth codes (cron; graphile-worker adds `_cron`). */
  housekeeping: Record<string, unknown>;
  /** Computes one day's statistics: `day`, else the day before the cron tick `_cron.ts`, else yesterday. */
  'daily-stats': { day?: string; _cron?: { ts: string } };
  /** Processes one upload (media_attachments row): strip, orient, resize, re-encode, store. */
  'process-media': { mediaId: string };
  /** Deletes the files of deleted media (enqueued by the database whenever media rows go). */
  'media-cleanup': Record<string, unknown>;
  /** Closes a status's poll at its end and notifies its voters and author (run_at = its end). */
  'poll-expiry': { statusId: string };
}

export type TaskName = keyof JobPayloads;

/** A payload that can never succeed; the worker fails the job for good instead of retrying it. */
export class MalformedPayloadError extends Error {
  constructor(task: string, problem: string) {
    super(`Malformed payload for task "${task}": ${problem}`);
    this.name = 'MalformedPayloadError';
  }
}

const TOKEN_ID = /^[A-Za-z0-9_-]{16,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

type Check = (value: unknown) => boolean;
const checks: { [K in TaskName]: Record<string, [Check, string]> } = {
  'mention-email': {
    statusId: [isId, 'a numeric id string'],
    accountId: [isId, 'a numeric id string'],
  },
  'confirm-email': { tokenId: [(v) => typeof v === 'string' && TOKEN_ID.test(v), 'a token id'] },
  'password-reset-email': { tokenId: [(v) => typeof v === 'string' && TOKEN_ID.test(v), 'a token id'] },
  'password-reset-request': {
    email: [(v) => typeof v === 'string' && v.length > 0 && v.length <= 320, 'an e-mail address'],
  },
  housekeeping: {},
  'process-media': { mediaId: [isId, 'a numeric id string'] },
  'media-cleanup': {},
  'poll-expiry': { statusId: [isId, 'a numeric id string'] },
  'daily-stats': {
    day: [(v) => v === undefined || (typeof v === 'string' && DAY.test(v)), 'a date written YYYY-MM-DD'],
    _cron: [
      (v) =>
        v === undefined ||
        (typeof v === 'object' &&
          v !== null &&
          !Number.isNaN(Date.parse(String((v as { ts?: unknown }).ts)))),
      'graphile-worker cron details with a timestamp "ts"',
    ],
  },
};

/** Returns the payload typed for its task, or throws MalformedPayloadError naming the bad field. */
export function assertPayload<K extends TaskName>(task: K, payload: unknown): JobPayloads[K] {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw new MalformedPayloadError(task, 'expected an object');
  const record = payload as Record<string, unknown>;
  for (const [field, [ok, what]] of Object.entries(checks[task])) {
    if (!ok(record[field])) throw new MalformedPayloadError(task, `"${field}" must be ${what}`);
  }
  return record as JobPayloads[K];
}
