// What the web edge gets from the composition root: the services, the validated configuration, the
// logger and the readiness probe — never the database handle or the mailer.
import type { Services } from '@microposts/core';
import type { Config, Logger, Readiness } from '@microposts/runtime';

export interface WebDeps {
  services: Services;
  config: Config;
  logger: Logger;
  /** /readyz: PostgreSQL answers and migrations are current. */
  readiness: () => Promise<Readiness>;
}
