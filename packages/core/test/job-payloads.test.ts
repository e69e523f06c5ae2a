import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertPayload, MalformedPayloadError } from '../src/jobs/payloads.ts';

describe('job payloads', () => {
  test('a good payload comes back typed', () => {
    assert.deepEqual(assertPayload('mention-email', { statusId: '1', accountId: '22' }), {
      statusId: '1',
      accountId: '22',
    });
    assert.deepEqual(assertPayload('housekeeping', { _cron: { ts: 'x' } }), { _cron: { ts: 'x' } });
  });

  test('each malformed payload names what is wrong', () => {
    const cases: [unknown, string][] = [
      [null, 'expected an object'],
      [[], 'expected an object'],
      ['x', 'expected an object'],
      [{ accountId: '1' }, '"statusId" must be a numeric id string'],
      [{ statusId: 42, accountId: '1' }, '"statusId" must be a numeric id string'],
      [{ statusId: '1', accountId: '1; drop' }, '"accountId" must be a numeric id string'],
      [{ statusId: '1', accountId: '12345678901234567890' }, '"accountId" must be a numeric id string'],
    ];
    for (const [payload, problem] of cases) {
      assert.throws(
        () => assertPayload('mention-email', payload),
        (e: unknown) =>
          e instanceof MalformedPayloadError &&
          e.message === `Malformed payload for task "mention-email": ${problem}`,
      );
    }
    assert.throws(() => assertPayload('confirm-email', { tokenId: 'short' }), /"tokenId" must be a token id/);
  });
});
