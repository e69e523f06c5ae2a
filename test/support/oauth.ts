// The token helper's earlier name, kept for packages/db/test/oauth-services.test.ts until it calls
// fixtures(app).token() (test/support/fixtures.ts) itself.
import type { App } from '@microposts/runtime';
import { fixtures, type TestToken, type TokenOptions } from './fixtures.ts';

export type { TestToken };

/** Use fixtures(app).token(account, scopes, options) instead. */
export function createTestToken(
  app: App,
  options: TokenOptions & { accountId?: string; scopes?: string | string[] } = {},
): Promise<TestToken> {
  const { accountId, scopes, ...rest } = options;
  return fixtures(app).token(accountId ?? null, scopes, rest);
}
