import type { Services } from '@microposts/core';
import type { Logger } from '@microposts/runtime';

/** What a task gets: the services and the logger (never the database or the mailer directly). */
export interface TaskDeps {
  services: Services;
  logger: Logger;
}
