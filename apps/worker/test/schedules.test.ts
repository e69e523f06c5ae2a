import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCrontab } from 'graphile-worker';
import { crontab } from '../src/schedules.ts';
import { taskHandlers } from '../src/tasks/index.ts';

test('every schedule parses and names a task the worker has', () => {
  const items = parseCrontab(crontab);
  assert.ok(items.length >= 1);
  const tasks = Object.keys(taskHandlers({} as never));
  for (const item of items) assert.ok(tasks.includes(item.task), `no task ${item.task}`);
  assert.ok(items.some((i) => i.task === 'housekeeping'));
});
