// The local mail catcher of `npm start` when no SMTP_URL is set: an SMTP server on loopback that
// keeps every message under $DATA_DIR/mail, and a small inbox page to read them. Written here
// because the known catchers (MailHog, Mailpit) are separate binaries, not npm packages we can start.
import { createServer, type Server } from 'node:http';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import { escapeHtml as e } from '@microposts/core';
import { freePort } from '@microposts/db';

export interface MailCatcher {
  /** Where to send: smtp://127.0.0.1:<port> */
  smtpUrl: string;
  /** The inbox page: http://127.0.0.1:<port>/ */
  inboxUrl: string;
  stop(): Promise<void>;
}

const FILE = /^\d{13}-[0-9a-f]{8}\.eml$/;
const ID = /^\d{13}-[0-9a-f]{8}$/;
const KEEP = 200;

/** Starts the catcher on loopback (SMTP on 1025 and the inbox on 1080 when free, else any port). */
export async function startMailCatcher(options: {
  dataDir: string;
  smtpPort?: number;
  httpPort?: number;
}): Promise<MailCatcher> {
  const dir = path.join(options.dataDir, 'mail');
  mkdirSync(dir, { recursive: true });
  const smtpPort = await freePort(options.smtpPort ?? 1025);
  const httpPort = await freePort(options.httpPort ?? 1080);

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'local' }),
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        try {
          writeFileSync(
            path.join(dir, `${Date.now()}-${randomBytes(4).toString('hex')}.eml`),
            Buffer.concat(chunks),
          );
          callback();
        } catch (error) {
          callback(error as Error);
        }
      });
    },
  });
  // A client that dies mid-session resets its connection; the catcher carries on.
  smtp.on('error', () => {});
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));

  const http: Server = createServer((request, response) => {
    handle(dir, request.url ?? '/')
      .then(({ status, type, body, headers }) => {
        response.writeHead(status, {
          'content-type': type,
          'content-security-policy':
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; frame-ancestors 'self'",
          'x-content-type-options': 'nosniff',
          ...headers,
        });
        response.end(body);
      })
      .catch(() => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end('Could not read this message.');
      });
  });
  await new Promise<void>((resolve) => http.listen(httpPort, '127.0.0.1', resolve));

  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    inboxUrl: `http://127.0.0.1:${httpPort}/`,
    async stop() {
      await Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        new Promise<void>((resolve) => {
          http.closeAllConnections();
          http.close(() => resolve());
        }),
      ]);
    },
  };
}

interface Reply {
  status: number;
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => FILE.test(f))
    .sort()
    .reverse()
    .slice(0, KEEP);
}

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  [a ?? []]
    .flat()
    .map((x) => x.text)
    .join(', ');

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${e(title)} · microposts mail catcher</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1c1e21}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #ddd}
pre{white-space:pre-wrap;background:#f6f7f9;padding:1rem;border-radius:6px}iframe{width:100%;height:32rem;border:1px solid #ddd;border-radius:6px}
dt{font-weight:600}dd{margin:0 0 .4rem}</style></head>
<body><header><p><a href="/">Inbox</a> · microposts mail catcher: e-mails are kept here instead of being sent.</p></header>
<main>${body}</main></body></html>`;
}

async function handle(dir: string, url: string): Promise<Reply> {
  const html = (body: string, status = 200): Reply => ({ status, type: 'text/html; charset=utf-8', body });
  const { pathname } = new URL(url, 'http://localhost');
  if (pathname === '/') {
    const rows = await Promise.all(
      files(dir).map(async (f) => {
        const m = await simpleParser(readFileSync(path.join(dir, f)));
        return `<tr><td>${e(m.date?.toISOString().replace('T', ' ').slice(0, 19) ?? '')}</td><td>${e(addresses(m.to))}</td>
<td><a href="/messages/${f.slice(0, -4)}">${e(m.subject ?? '(no subject)')}</a></td></tr>`;
      }),
    );
    return html(
      page(
        'Inbox',
        `<h1>Inbox</h1>${
          rows.length
            ? `<table><thead><tr><th>Date (UTC)</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
            : '<p>No e-mails yet.</p>'
        }`,
      ),
    );
  }
  const match = /^\/messages\/([^/]+?)(\/html|\.eml)?$/.exec(pathname);
  if (!match || !ID.test(match[1]!)) return html(page('Not found', '<h1>Not found</h1>'), 404);
  let raw: Buffer;
  try {
    raw = readFileSync(path.join(dir, `${match[1]!}.eml`));
  } catch {
    return html(page('Not found', '<h1>Not found</h1>'), 404);
  }
  if (match[2] === '.eml') return { status: 200, type: 'message/rfc822', body: raw };
  const m = await simpleParser(raw);
  if (match[2] === '/html') {
    // The message's own HTML, isolated: no scripts, links open in the whole tab.
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: `<base target="_top">${typeof m.html === 'string' ? m.html : '<p>(no HTML part)</p>'}`,
      headers: { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" },
    };
  }
  const text = e(m.text ?? '').replace(/https?:\/\/[^\s<>"]+/g, (u) => `<a href="${u}">${u}</a>`);
  const headers = m.headerLines
    .filter((h) => /^(from|to|subject|date|message-id|list-unsubscribe|list-unsubscribe-post)$/.test(h.key))
    .map((h) => {
      const i = h.line.indexOf(':');
      return `<dt>${e(h.line.slice(0, i))}</dt><dd>${e(h.line.slice(i + 1).trim())}</dd>`;
    })
    .join('');
  return html(
    page(
      m.subject ?? 'Message',
      `<h1>${e(m.subject ?? '(no subject)')}</h1><dl>${headers}</dl>
<h2>Text</h2><pre>${text}</pre>
<h2>HTML</h2><iframe src="/messages/${match[1]}/html" title="HTML part" sandbox="allow-top-navigation-by-user-activation"></iframe>
<p><a href="/messages/${match[1]}.eml">Download the raw message</a></p>`,
    ),
  );
}
