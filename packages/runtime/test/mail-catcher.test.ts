// The local mail catcher of `npm start`: a real SMTP server on loopback whose inbox a person can read.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { createMailer } from '@microposts/runtime';
import { startMailCatcher } from '@microposts/runtime/mail-catcher';

const dataDir = mkdtempSync(path.join(tmpdir(), 'microposts-catcher-'));
const catcher = await startMailCatcher({ dataDir, smtpPort: 0, httpPort: 0 });
after(() => catcher.stop());
const mailer = createMailer({ smtpUrl: catcher.smtpUrl, mailFrom: 'microposts <no-reply@localhost>' });
after(() => mailer.close());

describe('mail catcher', () => {
  test('keeps what it receives and lists it in the inbox', async () => {
    assert.match(catcher.smtpUrl, /^smtp:\/\/127\.0\.0\.1:\d+$/);
    assert.match(catcher.inboxUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const empty = await (await fetch(catcher.inboxUrl)).text();
    assert.match(empty, /No e-mails yet/);
    await mailer.send({
      to: 'bob@example.com',
      subject: 'Hello <Bob>',
      text: 'Open http://localhost:3000/@alice/1 please',
      html: '<p>Hi <script>alert(1)</script><a href="http://localhost:3000/@alice/1">post</a></p>',
      messageId: '<test.1@localhost>',
    });
    const inbox = await fetch(catcher.inboxUrl);
    assert.equal(inbox.status, 200);
    assert.match(inbox.headers.get('content-security-policy')!, /default-src 'none'/);
    const body = await inbox.text();
    assert.match(body, /Hello &lt;Bob&gt;/, 'subjects are escaped');
    const link = /href="(\/messages\/[^"]+)"/.exec(body)![1]!;

    const message = await (await fetch(new URL(link, catcher.inboxUrl))).text();
    assert.match(
      message,
      /<a href="http:\/\/localhost:3000\/@alice\/1">/,
      'links in the text part are clickable',
    );
    assert.match(message, /&lt;test\.1@localhost&gt;/);
    const part = await fetch(new URL(`${link}/html`, catcher.inboxUrl));
    assert.match(
      part.headers.get('content-security-policy')!,
      /default-src 'none'/,
      'no script runs in the HTML part',
    );
    assert.match(await part.text(), /<a href="http:\/\/localhost:3000\/@alice\/1">post<\/a>/);
    const raw = await fetch(new URL(`${link}.eml`, catcher.inboxUrl));
    assert.equal(raw.headers.get('content-type'), 'message/rfc822');
    assert.equal((await fetch(new URL('/messages/../../etc/passwd', catcher.inboxUrl))).status, 404);
    assert.equal((await fetch(new URL('/messages/nope.eml', catcher.inboxUrl))).status, 404);
  });

  test('messages survive a restart (kept under DATA_DIR/mail)', async () => {
    const again = await startMailCatcher({ dataDir, smtpPort: 0, httpPort: 0 });
    after(() => again.stop());
    assert.match(await (await fetch(again.inboxUrl)).text(), /Hello &lt;Bob&gt;/);
  });
});
