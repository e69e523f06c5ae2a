// Mention e-mails end to end: in-process services post statuses (as the web process would), a real
// worker process sends, a real SMTP server on loopback receives.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDatabase } from '../../../test/support/database.ts';
import { startWorker, type RunningProcess } from '../../../test/support/processes.ts';
import { waitFor } from '../../../test/support/wait.ts';
import { rawHeader, startSmtp, type TestSmtp } from '../../../test/support/smtp.ts';
import type { App } from '@microposts/runtime';
import { appOn } from '../../../test/support/app.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { TEST_SECRET_KEY as SECRET } from '../../../test/support/secret.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { queuedJobs } from './support.ts';

const url = await testDatabase();
const sql = sqlClient(url);
// The worker's PUBLIC_URL (startWorker): status HTML is rendered with it when the status is posted.
const PUBLIC_URL = 'http://127.0.0.1:3000';
const app: App = await appOn(url, { PUBLIC_URL });
const smtp: TestSmtp = await startSmtp();
const f = fixtures(app);
const ids: Record<string, string> = {};
for (const username of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina'])
  ids[username] = (await f.account({ username })).id;
ids.uma = (await f.account({ username: 'uma', confirmed: false })).id;
ids.olga = (await f.account({ username: 'olga', mentionEmails: false })).id;
const worker: RunningProcess = startWorker(url, { SMTP_URL: smtp.url });

const post = (author: string, text: string) => f.status(ids[author]!, text);
const drained = () =>
  waitFor(async () => (await queuedJobs(sql, 'mention-email')) === 0, 'the queue to drain');

describe('mention e-mails', () => {
  test('one e-mail with text and HTML parts, a link to the status and RFC 8058 unsubscribe headers', async () => {
    const status = await post('alice', 'Hello @bob, look at this <b>bold</b> #claim');
    const [mail] = await waitFor(
      () => (smtp.to('bob@example.com').length ? smtp.to('bob@example.com') : null),
      'the e-mail',
    );
    assert.equal(mail!.subject, '@alice mentioned you on microposts');
    const statusUrl = `http://127.0.0.1:3000/@alice/${status.id}`;
    assert.ok(mail!.text!.includes('look at this <b>bold</b> #claim'));
    assert.ok(
      (mail!.html as string).includes('href="http://127.0.0.1:3000/tags/claim"'),
      'links are absolute',
    );
    assert.ok(mail!.text!.includes(statusUrl));
    assert.ok(typeof mail!.html === 'string' && mail!.html.includes(`href="${statusUrl}"`));
    assert.ok(!mail!.html.includes('<b>bold</b>'), 'status text is escaped in the HTML part');
    assert.equal(mail!.messageId, `<mention.${status.id}.${ids.bob}@127.0.0.1>`);
    const listUnsubscribe = rawHeader(mail!, 'list-unsubscribe');
    assert.match(
      listUnsubscribe,
      new RegExp(`^<http://127\\.0\\.0\\.1:3000/unsubscribe\\?account=${ids.bob}&sig=[\\w-]+>$`),
    );
    assert.equal(rawHeader(mail!, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.ok(mail!.from?.text.includes('no-reply@127.0.0.1'));
  });

  test('a status behind a content warning is e-mailed as its warning only, never its text', async () => {
    await f.account({ username: 'hana' });
    const status = await app.services.statuses.create({
      actorId: ids.alice!,
      text: '@hana the ending: the butler did it',
      spoilerText: 'Film spoilers <3',
    });
    const [mail] = await waitFor(
      () => (smtp.to('hana@example.com').length ? smtp.to('hana@example.com') : null),
      'the e-mail',
    );
    assert.ok(mail!.text!.includes('Content warning: Film spoilers <3'), mail!.text);
    assert.ok((mail!.html as string).includes('Film spoilers &lt;3'), 'the warning, escaped');
    for (const part of [mail!.text!, mail!.html as string])
      assert.ok(!part.includes('butler'), 'the hidden text is in no part of the e-mail');
    assert.ok(mail!.text!.includes(`http://127.0.0.1:3000/@alice/${status.id}`), 'a link to read it');
  });

  test('a status that mentions the same person three times sends one e-mail', async () => {
    const before = smtp.to('carol@example.com').length;
    const status = await post('alice', '@carol @Carol @CAROL three times');
    await drained();
    const mails = smtp.to('carol@example.com').slice(before);
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.messageId, `<mention.${status.id}.${ids.carol}@127.0.0.1>`);
  });

  test('no e-mail for your own status, an unconfirmed address, or mention e-mails turned off', async () => {
    await post('dave', 'Note to self @dave, and to @uma and @olga');
    // A marker e-mail afterwards: once it arrived, the three jobs before it were handled.
    await post('dave', 'and @erin');
    await drained();
    await waitFor(() => smtp.to('erin@example.com').length === 1, 'the marker e-mail');
    assert.equal(smtp.to('dave@example.com').length, 0);
    assert.equal(smtp.to('uma@example.com').length, 0);
    assert.equal(smtp.to('olga@example.com').length, 0);
  });

  test('a status deleted during the delay sends no e-mail', async () => {
    const delayed = await appOn(url, { PUBLIC_URL, MENTION_EMAIL_DELAY: '2' });
    const status = await fixtures(delayed).status(ids.alice!, 'Oops @frank');
    assert.equal(await queuedJobs(sql, 'mention-email'), 1);
    await delayed.services.statuses.delete({ actorId: ids.alice!, statusId: status.id });
    assert.equal(await queuedJobs(sql, 'mention-email'), 0, 'the pending e-mail is removed with the status');
    await waitFor(async () => (await queuedJobs(sql, 'mention-email')) === 0, 'the delayed job to run');
    assert.equal(smtp.to('frank@example.com').length, 0);
  });

  test('a status gone by the time its job runs (a race, or a cascade) sends no e-mail', async () => {
    const delayed = await appOn(url, { PUBLIC_URL, MENTION_EMAIL_DELAY: '2' });
    const status = await fixtures(delayed).status(ids.erin!, 'Raced @frank');
    await sql.rows(`DELETE FROM statuses WHERE id = $1`, [status.id]);
    assert.equal(await queuedJobs(sql, 'mention-email'), 1);
    await waitFor(async () => (await queuedJobs(sql, 'mention-email')) === 0, 'the delayed job to run');
    assert.equal(smtp.to('frank@example.com').length, 0);
  });

  test('a notification read during the delay cancels the e-mail', async () => {
    const delayed = await appOn(url, { PUBLIC_URL, MENTION_EMAIL_DELAY: '2' });
    await fixtures(delayed).status(ids.alice!, 'Seen it, @gina?');
    await sql.rows(`UPDATE notifications SET read_at = now() WHERE account_id = $1`, [ids.gina]);
    await waitFor(async () => (await queuedJobs(sql, 'mention-email')) === 0, 'the delayed job to run');
    assert.equal(smtp.to('gina@example.com').length, 0);
  });

  test('editing a status sends no second e-mail', async () => {
    const status = await post('erin', 'First version for @frank');
    await waitFor(() => smtp.to('frank@example.com').length === 1, 'the first e-mail');
    await app.services.statuses.edit({
      actorId: ids.erin!,
      statusId: status.id,
      text: 'Second version for @frank',
    });
    await post('erin', 'marker for @gina');
    await waitFor(() => smtp.to('gina@example.com').length === 1, 'the marker e-mail');
    await drained();
    assert.equal(smtp.to('frank@example.com').length, 1);
  });

  test('a job with a malformed payload fails for good with a clear error, and the worker keeps working', async () => {
    await sql.rows(`SELECT graphile_worker.add_job('mention-email', '{"statusId": 42}'::json)`);
    const [failed] = await waitFor(
      () =>
        sql
          .rows<{ last_error: string; attempts: number; max_attempts: number }>(
            `SELECT last_error, attempts, max_attempts FROM graphile_worker.jobs
           WHERE task_identifier = 'mention-email' AND last_error IS NOT NULL AND attempts >= max_attempts`,
          )
          .then((r) => (r.length ? r : null)),
      'the job to fail',
    );
    assert.match(
      failed!.last_error,
      /Malformed payload for task "mention-email": "statusId" must be a numeric id string/,
    );
    assert.equal(failed!.attempts, 1);
    const before = smtp.to('bob@example.com').length;
    await post('alice', 'Still working, @bob?');
    await waitFor(() => smtp.to('bob@example.com').length === before + 1, 'an e-mail after the bad job');
    assert.equal(worker.child.exitCode, null);
  });

  test('the signed unsubscribe URL is the one in the headers', async () => {
    const { unsubscribeUrl } = await import('../../../packages/core/src/mail/links.ts');
    const [mail] = smtp.to('bob@example.com');
    assert.equal(
      rawHeader(mail!, 'list-unsubscribe'),
      `<${unsubscribeUrl('http://127.0.0.1:3000', SECRET, ids.bob!)}>`,
    );
  });
});
