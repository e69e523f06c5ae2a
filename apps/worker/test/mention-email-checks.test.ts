// The send-time checks of a mention e-mail, one by one, through the mail service in-process: the
// status, the recipient, the read state and the recipient's blocks, mute and follow of the author
// come from one query (notifications.mentionEmailFacts, one for all the e-mails checked in the same
// moment), and each reason not to send must still hold, with nothing reaching the SMTP server.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { App } from '@microposts/runtime';
import { testDatabase } from '../../../test/support/database.ts';
import { appOn } from '../../../test/support/app.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { startSmtp } from '../../../test/support/smtp.ts';
import { sqlClient } from '../../../test/support/sql.ts';

const url = await testDatabase();
const sql = sqlClient(url);
const smtp = await startSmtp();
// MENTION_EMAIL_DELAY is long: no worker runs here, and the queued jobs are never taken.
const app: App = await appOn(url, { SMTP_URL: smtp.url, MENTION_EMAIL_DELAY: '3600' });
const f = fixtures(app);
const send = (statusId: string, accountId: string) =>
  app.services.mail.sendMentionEmail({ statusId, accountId });

const author = await f.account({ username: 'author' });
const reader = await f.account({ username: 'reader' });

describe('mention e-mail checks at send time', () => {
  test('a mentioned, confirmed, opted-in recipient gets the e-mail', async () => {
    const status = await f.status(author.id, 'Hi @reader');
    assert.equal(await send(status.id, reader.id), 'sent');
    assert.equal(smtp.to('reader@example.com').length, 1);
  });

  test('a deleted status, or one whose author is suspended, is gone', async () => {
    const deleted = await f.status(author.id, 'Soon gone, @reader');
    await app.services.statuses.delete({ actorId: author.id, statusId: deleted.id });
    assert.equal(await send(deleted.id, reader.id), 'status_gone');
    assert.equal(await send('999999999999', reader.id), 'status_gone');

    const other = await f.account();
    const hidden = await f.status(other.id, 'Hello @reader');
    await sql.rows('UPDATE accounts SET suspended_at = now() WHERE id = $1', [other.id]);
    assert.equal(await send(hidden.id, reader.id), 'status_gone');
  });

  test('a suspended or unknown recipient is gone', async () => {
    const suspended = await f.account();
    const status = await f.status(author.id, `Hey @${suspended.username}`);
    await sql.rows('UPDATE accounts SET suspended_at = now() WHERE id = $1', [suspended.id]);
    assert.equal(await send(status.id, suspended.id), 'recipient_gone');
    assert.equal(await send(status.id, '999999999999'), 'recipient_gone');
  });

  test('no e-mail about your own status, or to someone the status no longer mentions', async () => {
    const own = await f.status(reader.id, 'Talking to myself, @reader');
    assert.equal(await send(own.id, reader.id), 'own_status');

    const edited = await f.status(author.id, 'Hi @reader');
    await app.services.statuses.edit({ actorId: author.id, statusId: edited.id, text: 'Hi nobody' });
    assert.equal(await send(edited.id, reader.id), 'not_mentioned');
  });

  test('no e-mail to an unconfirmed address, or to someone who turned mention e-mails off', async () => {
    const unconfirmed = await f.account({ confirmed: false });
    const optedOut = await f.account({ mentionEmails: false });
    const status = await f.status(author.id, `@${unconfirmed.username} and @${optedOut.username}`);
    assert.equal(await send(status.id, unconfirmed.id), 'unconfirmed');
    assert.equal(await send(status.id, optedOut.id), 'opted_out');
  });

  test('no e-mail once the mention notification was read; another unread notification does not count', async () => {
    const status = await f.status(author.id, 'Read this, @reader');
    const other = await f.status(author.id, 'And this, @reader');
    await sql.rows(`UPDATE notifications SET read_at = now() WHERE account_id = $1 AND status_id = $2`, [
      reader.id,
      status.id,
    ]);
    assert.equal(await send(status.id, reader.id), 'already_read');
    assert.equal(await send(other.id, reader.id), 'sent');
  });

  test('a block either way since posting hides the status from the recipient: gone, as on any read', async () => {
    const blocker = await f.account({ username: 'blocker' });
    const blocked = await f.account({ username: 'blocked' });
    const status = await f.status(author.id, 'Hi @blocker and @blocked');
    await app.services.blocks.block({ actorId: blocker.id, targetId: author.id });
    await app.services.blocks.block({ actorId: author.id, targetId: blocked.id });
    assert.equal(await send(status.id, blocker.id), 'status_gone');
    assert.equal(await send(status.id, blocked.id), 'status_gone');
  });

  test('a mute of the author with notifications since posting stops the e-mail; a mute of statuses only, or one that ran out, does not', async () => {
    const muter = await f.account({ username: 'muter' });
    const quiet = await f.account({ username: 'quiet' });
    const lapsed = await f.account({ username: 'lapsed' });
    const status = await f.status(author.id, 'Hi @muter @quiet @lapsed');
    await app.services.mutes.mute({ actorId: muter.id, targetId: author.id });
    await app.services.mutes.mute({ actorId: quiet.id, targetId: author.id, notifications: false });
    await app.services.mutes.mute({ actorId: lapsed.id, targetId: author.id, duration: 60 });
    await sql.rows(`UPDATE mutes SET expires_at = now() - interval '1 second' WHERE account_id = $1`, [
      lapsed.id,
    ]);
    assert.equal(await send(status.id, muter.id), 'muted');
    assert.equal(await send(status.id, quiet.id), 'sent');
    assert.equal(await send(status.id, lapsed.id), 'sent');
  });

  test('a followers-only status goes to whom it mentions; once edited not to, it is hidden from a non-follower', async () => {
    const fan = await f.account({ username: 'fan' });
    const friend = await f.account({ username: 'friend' });
    await f.follow(fan.id, author.id);
    const post = (text: string) =>
      app.services.statuses.create({ actorId: author.id, text, visibility: 'private' });
    const status = await post('Psst @friend and @fan');
    assert.equal(await send(status.id, friend.id), 'sent');
    await app.services.statuses.edit({ actorId: author.id, statusId: status.id, text: 'Psst nobody' });
    assert.equal(await send(status.id, friend.id), 'status_gone', 'no longer mentioned, not a follower');
    assert.equal(await send(status.id, fan.id), 'not_mentioned', 'a follower still sees it');
  });

  test('e-mails checked in the same moment (one query for all) each get their own answer', async () => {
    const first = await f.account({ username: 'first' });
    const second = await f.account({ username: 'second', mentionEmails: false });
    const status = await f.status(author.id, 'Together @first @second');
    const gone = await f.status(author.id, 'Gone @first');
    await app.services.statuses.delete({ actorId: author.id, statusId: gone.id });
    const own = await f.status(first.id, 'Mine @first');
    assert.deepEqual(
      await Promise.all([
        send(gone.id, first.id),
        send(status.id, second.id),
        send(status.id, first.id),
        send(own.id, first.id),
        send(status.id, '999999999999'),
        send(status.id, first.id),
      ]),
      ['status_gone', 'opted_out', 'sent', 'own_status', 'recipient_gone', 'sent'],
    );
  });

  test('only the e-mails that passed every check reached the SMTP server', () => {
    assert.deepEqual(
      smtp.messages.map((m) => m.to && [m.to].flat().flatMap((t) => t.value.map((v) => v.address))),
      [
        ['reader@example.com'],
        ['reader@example.com'],
        ['quiet@example.com'],
        ['lapsed@example.com'],
        ['friend@example.com'],
        ['first@example.com'],
        ['first@example.com'],
      ],
    );
  });
});
