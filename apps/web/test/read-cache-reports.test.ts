// The moderation page through the read cache, with two web processes on one database: reports filed,
// resolved and deleted, and changes to the accounts and statuses they name, made by another process
// (services of this test, the CLI, SQL by hand), show on both as soon as each hears of them; the
// process that resolves a report shows it resolved at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testApp } from '../../../test/support/app.ts';
import { cliEnv, runCli } from '../../../test/support/cli.ts';
import { fixtures, loggedIn } from '../../../test/support/fixtures.ts';
import { startWeb } from '../../../test/support/processes.ts';
import type { Page, SiteClient } from '../../../test/support/site-client.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { waitFor } from '../../../test/support/wait.ts';

const app = await testApp();
const sql = sqlClient(app.databaseUrl);
const f = fixtures(app);
const [one, two] = await Promise.all([startWeb(app.databaseUrl), startWeb(app.databaseUrl)]);
const cli = (...args: string[]) => runCli(cliEnv(app.databaseUrl), ...args);

const modAccount = await f.account({ username: 'mod' });
const alice = await f.account({ username: 'alice' });
const spammer = await f.account({ username: 'spammer' });
assert.equal((await cli('accounts', 'role', 'mod', 'moderator')).code, 0);
const mods = { one: await loggedIn(one.url, modAccount), two: await loggedIn(two.url, modAccount) };

/** The open reports page as the moderator sees it on a process: the tab's count and each card's text. */
async function openReports(site: SiteClient) {
  const page: Page = await site.get('/moderation');
  assert.equal(page.status, 200);
  return {
    count: page.doc.querySelector('nav.tabs a[href="/moderation"]')?.text.trim(),
    cards: page.doc.querySelectorAll('article.report-card').map((c) => c.text.replace(/\s+/g, ' ').trim()),
  };
}
/** Waits until `check` passes on both processes, then asks each ten more times: it must keep passing. */
async function onBoth(check: (view: Awaited<ReturnType<typeof openReports>>) => void) {
  for (const site of [mods.one, mods.two]) {
    await waitFor(async () => {
      check(await openReports(site));
      return true;
    }, 'the change to be served');
    for (let i = 0; i < 10; i++) check(await openReports(site));
  }
}

test('reports, and what they name, follow every change on both processes', async () => {
  await onBoth((v) => {
    assert.equal(v.count, 'Open (0)');
    assert.deepEqual(v.cards, []);
  });
  const spam = await f.status(spammer, 'Cheap watches, first version');

  // Filed through the services of another process: both web processes drop their cached pages.
  await app.services.reports.file({
    actorId: alice.id,
    accountId: spammer.id,
    category: 'spam',
    comment: 'watches again',
    statusIds: [spam.id],
  });
  await onBoth((v) => {
    assert.equal(v.count, 'Open (1)');
    assert.equal(v.cards.length, 1);
    assert.match(
      v.cards[0]!,
      /Report about @spammer .*Reported by @alice .*watches again .*Cheap watches, first version/,
    );
  });

  // The reported status edited, then changed by hand in SQL: its `s:` key drops the report's copy.
  await app.services.statuses.edit({ actorId: spammer.id, statusId: spam.id, text: 'Cheap watches, edited' });
  await onBoth((v) => assert.match(v.cards[0]!, /Cheap watches, edited .*· edited/));
  await sql.rows(`UPDATE statuses SET html = '<p>fixed by the operator</p>' WHERE id = ${spam.id}`);
  await onBoth((v) => assert.match(v.cards[0]!, /fixed by the operator/));

  // The reporter renamed by hand and the target suspended by the CLI: the accounts' `a:` keys.
  await sql.rows(`UPDATE accounts SET username = 'alice2' WHERE id = ${alice.id}`);
  assert.equal((await cli('accounts', 'suspend', 'spammer')).code, 0);
  await onBoth((v) => {
    assert.match(v.cards[0]!, /Report about @spammer Spam Suspended .*Reported by @alice2 /);
    assert.match(v.cards[0]!, /Resolve: already suspended/);
  });

  // The status deleted: the report says so.
  await sql.rows(`DELETE FROM statuses WHERE id = ${spam.id}`);
  await onBoth((v) => assert.match(v.cards[0]!, /1 post attached no longer exists\./));

  // Resolved through process two: at once there, and on process one as soon as it hears of it.
  const form = (await mods.two.get('/moderation')).doc.querySelector('form[action$="/dismiss"]');
  assert.ok(form);
  const dismissed = await mods.two.post(form.getAttribute('action')!, {});
  assert.equal(dismissed.status, 303);
  const here = await openReports(mods.two);
  assert.equal(here.count, 'Open (0)');
  assert.deepEqual(here.cards, []);
  await onBoth((v) => {
    assert.equal(v.count, 'Open (0)');
    assert.deepEqual(v.cards, []);
  });

  // A report deleted with its account (ON DELETE CASCADE) goes from the resolved list too.
  const resolved = async (site: SiteClient) =>
    (await site.get('/moderation/resolved')).doc.querySelectorAll('article.report-card').length;
  assert.equal(await resolved(mods.one), 1);
  assert.equal(await resolved(mods.two), 1);
  await sql.rows(`DELETE FROM accounts WHERE id = ${spammer.id}`);
  for (const site of [mods.one, mods.two])
    await waitFor(async () => (await resolved(site)) === 0, 'the deleted account’s report to go');
});
