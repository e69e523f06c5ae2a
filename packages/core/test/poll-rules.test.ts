// Poll and vote rules (Mastodon's PollValidator and VoteValidator), without I/O.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPoll, checkVote, pollExpired, VOTE_ERRORS } from '@microposts/core';

describe('checkPoll', () => {
  test('trims, leaves blank options out, keeps the order; booleans default to false', () => {
    assert.deepEqual(checkPoll({ options: [' a ', '', 'b', '  '], expiresIn: '300' }), {
      poll: { options: ['a', 'b'], expiresIn: 300, multiple: false, hideTotals: false },
    });
    assert.deepEqual(
      checkPoll({ options: ['a', 'b'], expiresIn: 2629746, multiple: true, hideTotals: true }),
      {
        poll: { options: ['a', 'b'], expiresIn: 2629746, multiple: true, hideTotals: true },
      },
    );
  });

  test('every problem at once, in Mastodon’s words', () => {
    assert.deepEqual(checkPoll({ options: ['x'.repeat(51)], expiresIn: 10 }), {
      error:
        'Poll options must have more than one item, Poll options cannot be longer than 50 characters each, ' +
        'Poll expires at is too soon',
    });
    assert.deepEqual(checkPoll({ options: ['a', 'b', 'c', 'd', 'a'], expiresIn: 2629747 }), {
      error:
        "Poll options can't contain more than 4 items, Poll options contain duplicate items, " +
        'Poll expires at is too far into the future',
    });
    for (const expiresIn of [undefined, '', '1.5', 'abc', 300.5, -300])
      assert.ok('error' in checkPoll({ options: ['a', 'b'], expiresIn }), String(expiresIn));
  });

  test('option length counts graphemes: 50 flags or accented letters fit, 51 do not', () => {
    assert.ok('poll' in checkPoll({ options: ['🇫🇷'.repeat(50), 'b'], expiresIn: 300 }));
    assert.ok('poll' in checkPoll({ options: ['e\u0301'.repeat(50), 'b'], expiresIn: 300 }));
    assert.ok('error' in checkPoll({ options: ['👩‍💻'.repeat(51), 'b'], expiresIn: 300 }));
  });
});

describe('checkVote', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const poll = {
    authorId: '1',
    optionsCount: 3,
    multiple: false,
    expiresAt: new Date('2026-01-01T13:00:00Z'),
    voted: false,
  };
  test('distinct choices in order', () => {
    assert.deepEqual(checkVote('2', poll, ['1'], now), { choices: [1] });
    assert.deepEqual(checkVote('2', { ...poll, multiple: true }, [2, '0', 2], now), { choices: [0, 2] });
  });
  test('refusals in Mastodon’s order', () => {
    const ended = { ...poll, expiresAt: now };
    assert.deepEqual(checkVote('1', ended, [9], now), { error: VOTE_ERRORS.expired });
    assert.deepEqual(checkVote('1', poll, [3], now), { error: VOTE_ERRORS.invalidChoice });
    assert.deepEqual(checkVote('2', poll, ['x'], now), { error: VOTE_ERRORS.invalidChoice });
    assert.deepEqual(checkVote('2', poll, [1.5], now), { error: VOTE_ERRORS.invalidChoice });
    assert.deepEqual(checkVote('1', poll, [0], now), { error: VOTE_ERRORS.selfVote });
    assert.deepEqual(checkVote('2', { ...poll, voted: true }, [0], now), { error: VOTE_ERRORS.alreadyVoted });
    assert.deepEqual(checkVote('2', poll, [0, 1], now), { error: VOTE_ERRORS.alreadyVoted });
    assert.deepEqual(checkVote('2', poll, [], now), { error: VOTE_ERRORS.noChoice });
  });
  test('a poll has ended from its end on', () => {
    assert.equal(pollExpired(poll, now), false);
    assert.equal(pollExpired({ expiresAt: now }, now), true);
  });
});
