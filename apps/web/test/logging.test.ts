// The request log must not carry secrets that arrive in query strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { waitFor } from '../../../test/support/wait.ts';

const web = await startWeb(await testDatabase(), { LOG_LEVEL: 'info' });

test('tokens, signatures and access tokens in URLs are logged without their values', async () => {
  await fetch(`${web.url}/password/reset?token=RESETSECRET123`);
  await fetch(`${web.url}/unsubscribe?account=1&sig=SIGSECRET456`);
  await fetch(`${web.url}/api/v1/timelines/home?access_token=TOKENSECRET789&limit=5`);
  await waitFor(() => web.output().includes('access_token=[redacted]'), 'the API request in the log');
  const log = web.output();
  for (const secret of ['RESETSECRET123', 'SIGSECRET456', 'TOKENSECRET789'])
    assert.ok(!log.includes(secret), secret);
  assert.match(log, /\/password\/reset\?token=\[redacted\]/);
  assert.match(log, /limit=5/);
});
