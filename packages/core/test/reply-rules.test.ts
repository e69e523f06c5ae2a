import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replyPrefix } from '../src/rules/reply-rules.ts';

const account = (username: string) => ({
  id: '1',
  username,
  displayName: '',
  bio: '',
  bioHtml: '',
  createdAt: new Date(),
  lastStatusAt: null,
  statusesCount: 0,
  followersCount: 0,
  followingCount: 0,
  role: 'user' as const,
});

test('a reply names the author, then the people mentioned, each once', () => {
  const status = {
    account: account('Bob'),
    mentions: [
      { accountId: '2', username: 'carol' },
      { accountId: '3', username: 'bob' },
      { accountId: '4', username: 'dave' },
    ],
  };
  assert.equal(replyPrefix(status, 'erin'), '@Bob @carol @dave ');
});

test('a reply never names the person replying', () => {
  const status = { account: account('bob'), mentions: [{ accountId: '2', username: 'Alice' }] };
  assert.equal(replyPrefix(status, 'alice'), '@bob ');
  assert.equal(replyPrefix({ account: account('alice'), mentions: [] }, 'ALICE'), '');
});

test('without a viewer everyone is named', () => {
  assert.equal(replyPrefix({ account: account('bob'), mentions: [] }), '@bob ');
});
