// The token helper's earlier name, kept for packages/db/test/oauth-services.test.ts until it calls
// fixtures(app).token() (test/support/fixtures.ts) itself.
import type { App } from '@microposts/runtime';
import { fixtures, type TestToken, type TokenOptions } from './fixtures.ts';

export type { TestToken };

/** Use fixtures(app).token(account, scopes, options) instead. */
export async function createTestToken(
  app: App,
  options: TokenOptions & { accountId?: string; username?: string; scopes?: string | string[] } = {},
): Promise<TestToken> {
  const { accountId, username, scopes, ...rest } = options;
  const id = accountId ?? (username ? (await app.services.accounts.getByUsername(username)).id : null);
  return fixtures(app).token(id, scopes, rest);
}
