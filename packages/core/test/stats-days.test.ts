// UTC calendar days for daily statistics: parsing, ranges, weeks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../src/errors.ts';
import { addDays, dayProblem, daysBetween, eachDay, parseDayRange } from '../src/services/stats/days.ts';
import { lastCompleteDay } from '../src/services/stats/daily-stats.ts';
import { mondayOf } from '../src/services/stats/weekly-activity.ts';

describe('days', () => {
  test('addDays crosses months, years and leap days', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2025-02-28', 1), '2025-03-01');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    assert.equal(daysBetween('2024-01-01', '2024-12-31'), 365);
    assert.deepEqual(eachDay('2026-03-30', '2026-04-02'), [
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
      '2026-04-02',
    ]);
  });

  test('dayProblem accepts real days only', () => {
    assert.equal(dayProblem('from', '2024-02-29'), undefined);
    assert.equal(dayProblem('from', '2025-02-29'), 'from is not a valid date: 2025-02-29.');
    assert.equal(dayProblem('from', '2025-2-1'), 'from must be a date written YYYY-MM-DD.');
    assert.equal(dayProblem('from', ' 2025-02-01'), 'from must be a date written YYYY-MM-DD.');
    assert.equal(dayProblem('from', 20250201), 'from must be a date written YYYY-MM-DD.');
  });

  test('lastCompleteDay is yesterday in UTC, whatever the hour', () => {
    assert.equal(lastCompleteDay(new Date('2026-03-12T00:00:00Z')), '2026-03-11');
    assert.equal(lastCompleteDay(new Date('2026-03-12T23:59:59.999Z')), '2026-03-11');
  });

  test('mondayOf gives the Monday starting the ISO week', () => {
    assert.equal(mondayOf('2026-03-09'), '2026-03-09'); // Monday
    assert.equal(mondayOf('2026-03-15'), '2026-03-09'); // Sunday
    assert.equal(mondayOf('2026-01-01'), '2025-12-29'); // Thursday, across a year
  });

  test('parseDayRange fills defaults and names the field at fault', () => {
    const defaults = { from: '2026-01-01', to: '2026-01-31' };
    assert.deepEqual(parseDayRange({}, defaults), defaults);
    assert.deepEqual(parseDayRange({ from: '', to: '2026-01-05' }, defaults), {
      from: '2026-01-01',
      to: '2026-01-05',
    });
    assert.throws(
      () => parseDayRange({ from: '2026-01-01', to: '2027-01-02' }, defaults),
      (e: unknown) => e instanceof ValidationError && e.fields.to === 'The range may cover at most 366 days.',
    );
    assert.throws(
      () => parseDayRange({ to: '2026-02-01' }, defaults, { latest: '2026-01-31' }),
      (e: unknown) => e instanceof ValidationError && e.fields.to === 'to must be 2026-01-31 or earlier.',
    );
  });
});
