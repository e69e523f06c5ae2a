// The type filters of the notifications list (Mastodon's types[] and exclude_types[]), without a database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NotificationFilter } from '../src/ports/notifications.ts';
import type { ServiceDeps } from '../src/services/deps.ts';
import { listNotifications, markNotificationsRead } from '../src/services/notifications/notifications.ts';
import { ValidationError } from '../src/errors.ts';

function fakeDeps() {
  const calls: NotificationFilter[] = [];
  const deps = {
    uow: {
      notifications: {
        list: async (_id: string, _page: unknown, filter: NotificationFilter) => {
          calls.push(filter);
          return [];
        },
        markRead: async () => 0,
      },
      transaction(fn: (tx: unknown) => Promise<unknown>) {
        return fn(this);
      },
    },
  } as unknown as ServiceDeps;
  return { deps, calls };
}

const page = { limit: 20 };

test('known types pass through, unknown ones are dropped', async () => {
  const { deps, calls } = fakeDeps();
  await listNotifications(deps, {
    actorId: '1',
    page,
    types: ['mention', 'status'],
    excludeTypes: ['favourite', 'x'],
  });
  assert.deepEqual(calls, [{ types: ['mention'], excludeTypes: ['favourite'] }]);
});

test('types[] naming only unknown types matches nothing, without a query', async () => {
  const { deps, calls } = fakeDeps();
  assert.deepEqual(
    await listNotifications(deps, { actorId: '1', page, types: ['status', 'admin.sign_up'] }),
    [],
  );
  assert.deepEqual(calls, []);
});

test('no filters: everything', async () => {
  const { deps, calls } = fakeDeps();
  await listNotifications(deps, { actorId: '1', page, types: [] });
  assert.deepEqual(calls, [{ types: undefined, excludeTypes: undefined }]);
});

test('marking read up to a malformed id is a field error', async () => {
  const { deps } = fakeDeps();
  await assert.rejects(
    markNotificationsRead(deps, { actorId: '1', upToId: '1; DROP TABLE x' }),
    (e) => e instanceof ValidationError && e.fields.up_to_id === 'Not a notification id.',
  );
  assert.equal(await markNotificationsRead(deps, { actorId: '1', upToId: '5' }), 0);
});
