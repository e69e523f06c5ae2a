// One worker draining a queue of mention e-mails: the jobs it takes together are checked together
// (one query for the e-mails started in the same turn of its event loop), and each still gets its
// own answer; a query that fails fails each of its jobs, which are retried and sent once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import type { App } from '@microposts/runtime';
import { testDatabase } from '../../../test/support/database.ts';
import { appOn } from '../../../test/support/app.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { startWorker } from '../../../test/support/processes.ts';
import { startSmtp } from '../../../test/support/smtp.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { waitFor } from '../../../test/support/wait.ts';
import { queuedJobs } from './support.ts';

const url = await testDatabase();
const sql = sqlClient(url);
const smtp = await startSmtp();
const app: App = await appOn(url);
const f = fixtures(app);
const author = await f.account({ username: 'author' });

/** Makes n confirmed recipients named prefix0..prefixN-1 (options for all); their ids by name. */
async function recipients(prefix: string, n: number, options: { mentionEmails?: boolean } = {}) {
  return f.accounts(
    Array.from({ length: n }, (_, i) => `${prefix}${i}`),
    options,
  );
}

/** Posts `statuses` statuses that each mention every one of `names`; returns the statuses' ids. */
async function postMentions(names: string[], statuses: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < statuses; i++)
    ids.push((await f.status(author.id, `${names.map((n) => `@${n}`).join(' ')} #${i}`)).id);
  return ids;
}

const addresses = (mail: ParsedMail) => [mail.to].flat().flatMap((t) => t?.value.map((v) => v.address) ?? []);
const drained = () =>
  waitFor(async () => (await queuedJobs(sql, 'mention-email')) === 0, 'the queue to drain');

describe('mention e-mails drained together', () => {
  test('a queue of 90 checked in batches: only those that pass their own checks are sent, each once, to its own recipient', async () => {
    const wanted = await recipients('wanted', 15);
    const optedOut = await recipients('optedout', 15, { mentionEmails: false });
    const muting = await recipients('muting', 15);
    const statuses = await postMentions(
      [...Object.keys(wanted), ...Object.keys(optedOut), ...Object.keys(muting)],
      2,
    );
    for (const id of Object.values(muting))
      await app.services.mutes.mute({ actorId: id, targetId: author.id });
    assert.equal(await queuedJobs(sql, 'mention-email'), 90);

    const worker = startWorker(url, { SMTP_URL: smtp.url });
    await drained();
    await worker.stop();
    const expected = new Map<string, string>(
      statuses.flatMap((status) =>
        Object.entries(wanted).map(
          ([name, id]) => [`<mention.${status}.${id}@127.0.0.1>`, `${name}@example.com`] as const,
        ),
      ),
    );
    const sent = smtp.messages.filter((m) => m.messageId?.startsWith('<mention.'));
    assert.equal(sent.length, 30, 'opted-out and muting recipients got nothing');
    for (const mail of sent) {
      assert.deepEqual(addresses(mail), [expected.get(mail.messageId!)], mail.messageId);
      expected.delete(mail.messageId!);
    }
    assert.equal(expected.size, 0, 'each wanted e-mail once');
  });

  test('when the query of a batch fails, each of its jobs fails and is retried, and every e-mail arrives once', async () => {
    const names = Object.keys(await recipients('retried', 10));
    await postMentions(names, 2);
    const before = smtp.messages.length;
    // The facts query reads mutes: without the table, it fails for every e-mail of the batch.
    await sql.rows('ALTER TABLE mutes RENAME TO mutes_away');
    const worker = startWorker(url, { SMTP_URL: smtp.url });
    try {
      await waitFor(
        async () =>
          (await sql.count(
            `SELECT count(*) FROM graphile_worker.jobs
             WHERE task_identifier = 'mention-email' AND attempts >= 1 AND last_error LIKE '%"mutes" does not exist%'`,
          )) === 20,
        'every job to fail once',
      );
      assert.equal(smtp.messages.length, before, 'nothing was sent');
    } finally {
      await sql.rows('ALTER TABLE mutes_away RENAME TO mutes');
    }
    await drained();
    await worker.stop();
    const got = smtp.messages.slice(before);
    assert.equal(got.length, 20);
    assert.equal(new Set(got.map((m) => m.messageId)).size, 20, 'none twice');
    assert.deepEqual(
      new Set(got.flatMap(addresses)),
      new Set(names.map((n) => `${n}@example.com`)),
      'every recipient',
    );
  });
});
