// Every task the worker runs, by name. A task checks its payload (assertPayload) and calls one
// service; it stays thin. Add a task: a file in this folder, a line here, its payload type in
// packages/core/src/jobs/payloads.ts.
import type { TaskHandler } from '@microposts/db';
import type { TaskDeps } from './deps.ts';
import { mentionEmail } from './mention-email.ts';
import { confirmEmail } from './confirm-email.ts';
import { passwordResetEmail } from './password-reset-email.ts';
import { passwordResetRequest } from './password-reset-request.ts';
import { housekeeping } from './housekeeping.ts';
import { dailyStats } from './daily-stats.ts';
import { processMedia } from './process-media.ts';
import { mediaCleanup } from './media-cleanup.ts';
import { pollExpiry } from './poll-expiry.ts';

/** The task handlers, bound to this process's services. */
export function taskHandlers(app: TaskDeps): Record<string, TaskHandler> {
  return {
    'mention-email': mentionEmail(app),
    'confirm-email': confirmEmail(app),
    'password-reset-email': passwordResetEmail(app),
    'password-reset-request': passwordResetRequest(app),
    housekeeping: housekeeping(app),
    'daily-stats': dailyStats(app),
    'process-media': processMedia(app),
    'media-cleanup': mediaCleanup(app),
    'poll-expiry': pollExpiry(app),
  };
}
