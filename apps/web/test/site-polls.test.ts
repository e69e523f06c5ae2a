// Polls on the website over HTTP, without JavaScript: the compose form's poll fields, the vote form
// (radio buttons) on the card, the results after voting and for the author, every refusal shown
// with its message and nothing written, and a hidden status's poll not found.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { errorPageOf } from '../../../test/support/page-checks.ts';
import { startWeb } from '../../../test/support/processes.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { SiteClient, type Page } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const databaseUrl = await testDatabase();
const web = await startWeb(databaseUrl, { RATE_LIMIT_AUTH: '1000' });
const sql = sqlClient(databaseUrl);
const f = fixtures(databaseUrl);
const alice = await loggedIn(web.url, await f.account({ username: 'alice' }));
const bob = await loggedIn(web.url, await f.account({ username: 'bob' }));
const visitor = new SiteClient(web.url);
const snapshot = async () => ({
  statuses: await sql.count('SELECT count(*) FROM statuses'),
  polls: await sql.rows('SELECT * FROM polls ORDER BY status_id'),
  votes: await sql.rows('SELECT poll_id, account_id, choices FROM poll_votes ORDER BY poll_id, account_id'),
});
const card = (page: Page, id: string) => page.doc.querySelector(`#s-${id}`)!;

async function postPoll(fields: Record<string, string>): Promise<string> {
  await alice.get('/');
  const page = await alice.post('/statuses', { visibility: 'public', text: 'Which one?', ...fields });
  assert.equal(page.status, 303, page.doc.querySelector('.compose-poll .error')?.text);
  const [row] = await sql.rows<{ id: string }>('SELECT max(id)::text AS id FROM statuses');
  return row!.id;
}

test('the compose form has poll fields; a poll is posted without JavaScript', async () => {
  const home = await alice.get('/');
  const form = home.doc.querySelector('form.compose')!;
  assert.equal(form.querySelector('details.compose-poll > summary')?.text.trim(), 'Add a poll');
  for (const n of [1, 2, 3, 4]) assert.ok(form.querySelector(`input[name=poll_option_${n}]`), `option ${n}`);
  assert.equal(form.querySelector('label[for=compose-poll-option-1]')?.text.trim(), 'Option 1');
  assert.deepEqual(
    form.querySelectorAll('select[name=poll_expires_in] option').map((o) => o.getAttribute('value')),
    ['300', '1800', '3600', '21600', '86400', '259200', '604800'],
  );
  const id = await postPoll({
    poll_option_1: 'Tea',
    poll_option_2: '',
    poll_option_3: 'Coffee',
    poll_expires_in: '3600',
    poll_hide_totals: 'true',
  });
  const [poll] = await sql.rows<{ options: string[]; multiple: boolean; hide_totals: boolean; left: number }>(
    `SELECT options, multiple, hide_totals, extract(epoch FROM expires_at - now())::int AS left FROM polls WHERE status_id = $1`,
    [id],
  );
  assert.deepEqual(poll!.options, ['Tea', 'Coffee'], 'blank options are left out');
  assert.equal(poll!.multiple, false);
  assert.equal(poll!.hide_totals, true);
  assert.ok(poll!.left > 3590 && poll!.left <= 3600);
  // No option typed: a post without a poll.
  await alice.get('/');
  await alice.post('/statuses', { visibility: 'public', text: 'no poll', poll_expires_in: '3600' });
  const [plain] = await sql.rows<{ n: number }>(
    `SELECT count(*)::int AS n FROM polls WHERE status_id = (SELECT max(id) FROM statuses)`,
  );
  assert.equal(plain!.n, 0);
});

test('a bad poll comes back with its message next to the poll fields, what was typed kept, nothing written', async () => {
  for (const [fields, message] of [
    [{ poll_option_1: 'Only one', poll_expires_in: '3600' }, 'Poll options must have more than one item'],
    [
      { poll_option_1: 'Same', poll_option_2: 'Same', poll_expires_in: '3600' },
      'Poll options contain duplicate items',
    ],
    [
      { poll_option_1: 'a', poll_option_2: 'x'.repeat(51), poll_expires_in: '3600' },
      'Poll options cannot be longer than 50 characters each',
    ],
    [{ poll_option_1: 'a', poll_option_2: 'b', poll_expires_in: '10' }, 'Poll expires at is too soon'],
  ] as const) {
    const before = await snapshot();
    await alice.get('/');
    const page = await alice.post('/statuses', { visibility: 'public', text: 'A question', ...fields });
    assert.equal(page.status, 422);
    const details = page.doc.querySelector('form.compose details.compose-poll')!;
    assert.equal(details.hasAttribute('open'), true, 'opened to show the error');
    assert.equal(details.querySelector('.error')?.text.trim(), message);
    assert.equal(
      details.querySelector('input[name=poll_option_1]')?.getAttribute('value'),
      fields.poll_option_1,
    );
    assert.deepEqual(await snapshot(), before, `nothing written (${message})`);
  }
});

test('a voter gets radio buttons, votes with the form, then sees the results; the author sees results', async () => {
  const id = await postPoll({ poll_option_1: 'Left', poll_option_2: 'Right', poll_expires_in: '86400' });
  const before = await bob.get(`/@alice/${id}`);
  const form = card(before, id).querySelector('form.poll-form')!;
  assert.equal(form.getAttribute('action'), `/@alice/${id}/vote`);
  assert.deepEqual(
    form
      .querySelectorAll('input[name="choices[]"]')
      .map((i) => [i.getAttribute('type'), i.getAttribute('value')]),
    [
      ['radio', '0'],
      ['radio', '1'],
    ],
  );
  assert.deepEqual(
    form.querySelectorAll('.poll-choice').map((l) => l.text.trim()),
    ['Left', 'Right'],
  );
  // Logged out: the options without counts and no form; the author: the results.
  const anon = card(await visitor.get(`/@alice/${id}`), id);
  assert.equal(anon.querySelector('form.poll-form'), null);
  assert.equal(anon.querySelectorAll('.poll-option progress').length, 0);
  const own = card(await alice.get(`/@alice/${id}`), id);
  assert.equal(own.querySelector('form.poll-form'), null);
  assert.equal(own.querySelectorAll('.poll-option progress').length, 2);

  const voted = await bob.post(`/@alice/${id}/vote`, {
    'choices[]': '1',
    return_to: `/@alice/${id}#s-${id}`,
  });
  assert.equal(voted.status, 303);
  assert.equal(voted.location, `/@alice/${id}#s-${id}`);
  const after = card(await bob.get(`/@alice/${id}`), id);
  assert.equal(after.querySelector('form.poll-form'), null, 'no second vote form');
  const options = after.querySelectorAll('.poll-option');
  assert.match(options[1]!.text, /Right\s+\(your vote\)\s+100%/);
  assert.match(options[0]!.text, /Left\s+0%/);
  assert.match(after.querySelector('.poll-meta')!.text, /1 vote · Ends in (1 day|2[34] hours)/);
  assert.deepEqual(await sql.rows(`SELECT choices FROM poll_votes WHERE poll_id = $1`, [id]), [
    { choices: [1] },
  ]);
});

test('a refused vote is shown on the status page with the reason; nothing written', async () => {
  const id = await postPoll({ poll_option_1: 'Up', poll_option_2: 'Down', poll_expires_in: '86400' });
  await bob.get(`/@alice/${id}`);
  assert.equal((await bob.post(`/@alice/${id}/vote`, { 'choices[]': '0' })).status, 303);
  for (const [client, fields, message] of [
    [bob, { 'choices[]': '1' }, 'You have already voted on this poll'],
    [alice, { 'choices[]': '0' }, 'You cannot vote in your own polls'],
    [bob, {}, 'Choose at least one option'],
    [bob, { 'choices[]': '7' }, 'The chosen vote option does not exist'],
  ] as const) {
    const before = await snapshot();
    await client.get(`/@alice/${id}`);
    const page = await client.post(`/@alice/${id}/vote`, fields);
    assert.equal(page.status, 422);
    assert.equal(page.doc.querySelector('.flash')?.text.trim(), message);
    assert.ok(card(page, id), 'the status page');
    assert.deepEqual(await snapshot(), before, `nothing written (${message})`);
  }
  // A followers-only status's poll is not found by a stranger; logged out, voting asks to log in.
  await alice.get('/');
  await alice.post('/statuses', {
    visibility: 'private',
    text: 'Followers only?',
    poll_option_1: 'a',
    poll_option_2: 'b',
    poll_expires_in: '3600',
  });
  const [hidden] = await sql.rows<{ id: string }>('SELECT max(id)::text AS id FROM statuses');
  const before = await snapshot();
  await bob.get('/');
  const notFound = await bob.post(`/@alice/${hidden!.id}/vote`, { 'choices[]': '0' });
  assert.equal(notFound.status, 404);
  assert.equal(errorPageOf(notFound).code, '404');
  const anonymous = await visitor.post(`/@alice/${id}/vote`, { 'choices[]': '0' }, { csrf: null });
  assert.notEqual(anonymous.status, 200);
  assert.deepEqual(await snapshot(), before, 'nothing written');
});
