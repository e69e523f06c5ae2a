// Runs deploy/nginx.conf for real: nginx in front of two web processes, TLS with a throw-away
// certificate, static files and media from disk, upload sizes, and fail-over when one web process stops.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { testDatabase } from '../support/database.ts';
import { NO_NGINX, startNginx } from '../support/nginx.ts';
import { startWeb, type WebProcess } from '../support/processes.ts';
import { waitFor, withDeadline } from '../support/wait.ts';
import WebSocket from 'ws';
import { fixtures } from '../support/fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { buildStylesheet } from '../../apps/web/src/stylesheet.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const skip = NO_NGINX;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  port: number,
  pathname: string,
  secure: boolean,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const options = {
      host: '127.0.0.1',
      port,
      path: pathname,
      headers: { host: 'microposts.example', ...headers },
    };
    const callback = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        resolve({ status: res.statusCode!, headers: res.headers, body: body.toString('utf8') });
      });
    };
    const req = secure
      ? https.get({ ...options, rejectUnauthorized: false, servername: 'microposts.example' }, callback)
      : http.get(options, callback);
    req.on('error', reject);
  });
}

/** A POST of `bytes` bytes (a body nginx must let through, or refuse for its size). */
function post(port: number, pathname: string, bytes: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: 'POST',
        rejectUnauthorized: false,
        servername: 'microposts.example',
        headers: {
          host: 'microposts.example',
          'content-type': 'application/octet-stream',
          'content-length': String(bytes),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    // nginx may answer 413 and close before the whole body is sent.
    req.on('error', (error) =>
      (error as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(error),
    );
    req.end(Buffer.alloc(bytes));
  });
}

// Media: the web processes' DATA_DIR, and the one nginx reads (/var/lib/microposts in the file).
const webData = tempDir('microposts-nginx-web-');
const nginxData = tempDir('microposts-nginx-disk-');
const mediaFile = (dir: string, key: string) => {
  mkdirSync(path.dirname(path.join(dir, 'media', key)), { recursive: true });
  writeFileSync(path.join(dir, 'media', key), Buffer.from(key));
};

let webs: WebProcess[] = [];
let databaseUrl = '';
let httpPort = 0;
let httpsPort = 0;

// Set up at the top level: after() hooks registered inside a before() hook would run when it ends.
if (!skip) {
  databaseUrl = await testDatabase();
  webs = [
    await startWeb(databaseUrl, { DATA_DIR: webData }),
    await startWeb(databaseUrl, { DATA_DIR: webData }),
  ];
  const nginx = await startNginx(
    webs.map((w) => Number(new URL(w.url).port)),
    nginxData,
  );
  httpPort = nginx.httpPort;
  httpsPort = nginx.httpsPort;
  await waitFor(async () => (await request(httpsPort, '/readyz', true)).status === 200, 'nginx to proxy');
}

test('plain HTTP is redirected to HTTPS', { skip }, async () => {
  const reply = await request(httpPort, '/@alice?x=1', false);
  assert.equal(reply.status, 301);
  assert.equal(reply.headers.location, 'https://microposts.example/@alice?x=1');
});

test('pages are proxied to the web processes over TLS, with HSTS', { skip }, async () => {
  const reply = await request(httpsPort, '/', true);
  assert.equal(reply.status, 200);
  assert.match(reply.body, /<title>Public timeline · microposts<\/title>/);
  assert.match(String(reply.headers['strict-transport-security']), /max-age=31536000/);
  assert.match(String(reply.headers['content-security-policy']), /script-src 'self'/);
});

test('static assets are served by nginx from disk with caching headers', { skip }, async () => {
  const reply = await request(httpsPort, '/assets/compose.js', true);
  assert.equal(reply.status, 200);
  assert.equal(reply.body, readFileSync(path.join(root, 'apps/web/public/compose.js'), 'utf8'));
  assert.ok(reply.headers.expires, 'nginx sets Expires; the web process does not');
  assert.match(String(reply.headers['cache-control']), /max-age=604800/);
});

test(
  'the stylesheet a page links is passed to the web processes, cached for a year, compressed',
  { skip },
  async () => {
    const page = await request(httpsPort, '/', true);
    const href = /<link rel="stylesheet" href="(\/assets\/site\.[0-9a-f]+\.css)"/.exec(page.body)?.[1];
    assert.ok(href, 'the page links the hashed stylesheet');
    const reply = await request(httpsPort, href, true, { 'accept-encoding': 'gzip' });
    assert.equal(reply.status, 200);
    assert.equal(reply.body, buildStylesheet().css);
    assert.equal(reply.headers['content-encoding'], 'gzip');
    assert.equal(reply.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(reply.headers.expires, undefined, 'not the Expires of the files from disk');
    assert.match(String(reply.headers['strict-transport-security']), /max-age=31536000/);
    assert.equal((await request(httpsPort, '/assets/site.0123456789abcdef.css', true)).status, 404);
  },
);

test('the probes are proxied: /livez, /readyz and /health', { skip }, async () => {
  for (const [probe, body] of [
    ['/livez', { status: 'live' }],
    ['/readyz', { status: 'ready' }],
    ['/health', { status: 'ready' }],
  ] as const) {
    const reply = await request(httpsPort, probe, true);
    assert.equal(reply.status, 200, probe);
    assert.deepEqual(JSON.parse(reply.body), body);
  }
});

test(
  'the streaming API through nginx: a WebSocket upgrade and an unbuffered event stream',
  { skip },
  async () => {
    const f = fixtures(databaseUrl);
    const alice = await f.account({ username: 'streamer' });
    const { token } = await f.token(alice.id, 'read write');
    // WebSocket over TLS, token as Sec-WebSocket-Protocol (as masto.js sends it).
    const ws = new WebSocket(`wss://127.0.0.1:${httpsPort}/api/v1/streaming?stream=public`, token, {
      rejectUnauthorized: false,
      headers: { host: 'microposts.example' },
    });
    const socketIds: string[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { event?: string; payload?: string };
      if (message.event === 'update') socketIds.push((JSON.parse(message.payload!) as { id: string }).id);
    });
    await withDeadline(
      new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject))),
      'the upgrade through nginx',
    );
    assert.equal(ws.protocol, token, 'the protocol the client offered is accepted');
    // Server-sent events: each event must come through as it is sent, not when a buffer fills.
    let text = '';
    const sse = https.get(
      {
        host: '127.0.0.1',
        port: httpsPort,
        path: '/api/v1/streaming/public',
        headers: { host: 'microposts.example', authorization: `Bearer ${token}` },
        rejectUnauthorized: false,
        servername: 'microposts.example',
      },
      (res) => res.on('data', (d: Buffer) => (text += d.toString())),
    );
    sse.on('error', () => {});
    try {
      await waitFor(() => text.startsWith(':)'), 'the event stream to open through nginx');
      const status = await f.status(alice.id, 'through nginx');
      await waitFor(() => socketIds.includes(status.id), 'the update on the socket');
      await waitFor(() => text.includes(`data: {"id":"${status.id}"`), 'the update on the event stream');
    } finally {
      ws.terminate();
      sse.destroy();
    }
  },
);

test(
  'media files come from disk, cached for a year; one not there comes from the web processes',
  { skip },
  async () => {
    const onDisk = 'attachments/0123456789abcdef0123456789abcdef/original.jpg';
    const elsewhere = 'avatars/fedcba9876543210fedcba9876543210.png';
    mediaFile(nginxData, onDisk);
    mediaFile(webData, elsewhere);
    for (const key of [onDisk, elsewhere]) {
      const reply = await request(httpsPort, `/media/${key}`, true);
      assert.equal(reply.status, 200, key);
      assert.equal(reply.body, key);
      assert.match(String(reply.headers['cache-control']), /max-age=31536000.*immutable/, key);
      assert.equal(reply.headers['x-content-type-options'], 'nosniff', key);
    }
    assert.equal((await request(httpsPort, `/media/${onDisk}`, true)).headers['content-type'], 'image/jpeg');
    // Only the files' own names: anything else is the web processes' 404.
    mediaFile(nginxData, 'attachments/x/notes.txt');
    assert.equal((await request(httpsPort, '/media/attachments/x/notes.txt', true)).status, 404);
  },
);

test('uploads may be large on the upload paths only', { skip }, async () => {
  const fiveMb = 5 * 1024 * 1024;
  // Through to the web process, which refuses this body as not multipart (its JSON, not nginx's 413).
  const upload = await post(httpsPort, '/api/v2/media', fiveMb);
  assert.equal(upload.status, 415);
  assert.match(upload.body, /"error"/);
  // Anywhere else nginx keeps its 2 MB.
  assert.equal((await post(httpsPort, '/api/v1/statuses', fiveMb)).status, 413);
});

test('requests keep succeeding when one web process stops', { skip }, async () => {
  await webs[0]!.stop();
  for (let i = 0; i < 6; i++) {
    const reply = await request(httpsPort, '/', true);
    assert.equal(reply.status, 200);
  }
});
