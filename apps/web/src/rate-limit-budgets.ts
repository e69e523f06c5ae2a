// The rate-limit budgets of the website and the API, each counted once for every process
// (plugins/rate-limits.ts): a budget used on both surfaces is defined here once, so both spend it.
import type { FastifyRequest } from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';
import type { Config } from '@microposts/runtime';
import { addressKey, sharedLimit } from './plugins/rate-limits.ts';

const FIVE_MINUTES = 5 * 60 * 1000;
const ONE_HOUR = 3600 * 1000;
const THREE_HOURS = 3 * ONE_HOUR;

/** RATE_LIMIT_AUTH attempts per address in five minutes, in the named budget (log-in, password reset…). */
export function addressLimit(bucket: string, config: Config): RateLimitOptions {
  return sharedLimit(bucket, 'exact', {
    max: config.authRateLimit,
    timeWindow: FIVE_MINUTES,
    keyGenerator: addressKey,
  });
}

/** Sign-ups per address: the website's form and the API's registration share it. */
export const signupLimit = (config: Config) => addressLimit('signup', config);

/** RATE_LIMIT_POSTS statuses per account in three hours, whether posted on the website or through the API. */
export function postingLimit(
  config: Config,
  accountOf: (request: FastifyRequest) => string | null | undefined,
): RateLimitOptions {
  return sharedLimit('post', 'exact', {
    max: config.postRateLimit,
    timeWindow: THREE_HOURS,
    keyGenerator: (request) => {
      const accountId = accountOf(request);
      return accountId ? `account:${accountId}` : addressKey(request);
    },
  });
}

/** RATE_LIMIT_REPORTS reports per account in an hour, whether filed on the website or through the API. */
export function reportingLimit(
  config: Config,
  accountOf: (request: FastifyRequest) => string | null | undefined,
): RateLimitOptions {
  return sharedLimit('report', 'exact', {
    max: config.reportRateLimit,
    timeWindow: ONE_HOUR,
    keyGenerator: (request) => {
      const accountId = accountOf(request);
      return accountId ? `account:${accountId}` : addressKey(request);
    },
  });
}
