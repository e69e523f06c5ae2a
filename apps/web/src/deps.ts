// What the web edge gets from the composition root: the services, the validated configuration and
// the logger — never the database handle or the mailer.
import type { Services } from '@microposts/core';
import type { Config, Logger } from '@microposts/runtime';

export interface WebDeps {
  services: Services;
  config: Config;
  logger: Logger;
}
