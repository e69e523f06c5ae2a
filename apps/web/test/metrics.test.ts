import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { startWeb } from '../../../test/support/processes.ts';

const web = await startWeb(await testDatabase());

test('/metrics answers a scraper on the same host in the Prometheus format', async () => {
  await fetch(`${web.url}/health`);
  const response = await fetch(`${web.url}/metrics`);
  assert.equal(response.status, 200);
  const text = await response.text();
  assert.match(text, /^process_resident_memory_bytes \d+/m);
  assert.match(
    text,
    /^http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} \d+/m,
  );
});

test('/metrics is not served through a proxy', async () => {
  const response = await fetch(`${web.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
  assert.equal(response.status, 404);
  assert.doesNotMatch(await response.text(), /process_resident_memory_bytes/);
});
