// The status card is made once per status and kind of viewer; what each request fills in (time,
// CSRF token, return path) is its own, and nothing of one viewer's card reaches another.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'node-html-parser';
import type { Account, Status } from '@microposts/core';
import { statusCard } from '../src/views/status.ts';
import type { PageContext } from '../src/views/context.ts';

const author = {
  id: '111',
  username: 'ann',
  displayName: 'Ann',
  bio: '',
  bioHtml: '',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  lastStatusAt: null,
  statusesCount: 1,
  followersCount: 0,
  followingCount: 0,
  role: 'user' as const,
};
const status: Status = {
  id: '222',
  account: author,
  text: 'hello',
  html: '<p>hello</p>',
  visibility: 'public',
  inReplyToId: null,
  inReplyToAccountId: null,
  createdAt: new Date('2026-11-30T12:00:00Z'),
  editedAt: null,
  mentions: [],
  language: 'en',
  repliesCount: 0,
  favouritesCount: 3,
  reblogsCount: 0,
  favourited: false,
  bookmarked: false,
  reblogged: false,
  pinned: false,
  spoilerText: '',
};
const viewer = (id: string) => ({ id, username: `u${id}` }) as Account;
const ctx = (v: Account | null, token: string, path: string): PageContext => ({
  viewer: v,
  csrfToken: token,
  path,
  unreadNotifications: 0,
});
const noon = new Date('2026-11-30T12:00:00Z');

test('each request fills its own time, token and return path into the kept card', () => {
  const first = parse(
    statusCard(ctx(viewer('9'), 'token-one', '/a'), status, new Date(noon.getTime() + 5 * 60_000)).value,
  );
  const second = parse(
    statusCard(ctx(viewer('8'), 'token-two', '/b?x=<y>'), status, new Date(noon.getTime() + 3 * 3600_000))
      .value,
  );
  assert.equal(first.querySelector('time')!.text, '5m');
  assert.equal(second.querySelector('time')!.text, '3h');
  assert.equal(first.querySelector('input[name=_csrf]')!.getAttribute('value'), 'token-one');
  assert.equal(second.querySelector('input[name=_csrf]')!.getAttribute('value'), 'token-two');
  assert.equal(first.querySelector('input[name=return_to]')!.getAttribute('value'), '/a#s-222');
  assert.equal(
    second.querySelector('input[name=return_to]')!.getAttribute('value'),
    '/b?x=<y>#s-222',
    'escaped in, parsed back',
  );
  assert.ok(!statusCard(ctx(viewer('8'), 'token-two', '/b'), status, noon).value.includes('token-one'));
});

test('nobody, someone and the author each get their own card', () => {
  const anonymous = statusCard(ctx(null, '', '/'), status, noon).value;
  const someone = statusCard(ctx(viewer('9'), 't', '/'), status, noon).value;
  const own = statusCard(ctx(viewer('111'), 't', '/'), status, noon).value;
  assert.equal(parse(anonymous).querySelectorAll('form').length, 0, 'no forms for nobody');
  assert.equal(parse(someone).querySelector('form[action$="/delete"]'), null, 'no delete for someone');
  assert.ok(parse(own).querySelector('form[action="/@ann/222/delete"]'), 'the author can delete');
  // Asked again in another order, each kind still gets its own.
  assert.equal(statusCard(ctx(null, '', '/'), status, noon).value, anonymous);
  assert.equal(statusCard(ctx(viewer('9'), 't', '/'), status, noon).value, someone);
});

test('a favourited status is another object, so another card', () => {
  const favourited = { ...status, favourited: true };
  const plain = parse(statusCard(ctx(viewer('9'), 't', '/'), status, noon).value);
  const on = parse(statusCard(ctx(viewer('9'), 't', '/'), favourited, noon).value);
  assert.equal(
    plain.querySelector('form.inline[action$="favourite"]')!.getAttribute('action'),
    '/@ann/222/favourite',
  );
  assert.equal(
    on.querySelector('form.inline[action$="favourite"]')!.getAttribute('action'),
    '/@ann/222/unfavourite',
  );
});
