// Runs deploy/nginx.conf for real: nginx in front of two web processes, TLS with a throw-away
// certificate, static files from disk, the stylesheet from the web processes, and fail-over when one web
// process stops.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { test } from 'node:test';
import { freePort } from '@microposts/db';
import { testDatabase } from '../support/database.ts';
import { startWeb, type WebProcess } from '../support/processes.ts';
import { onTeardown } from '../support/teardown.ts';
import { waitFor } from '../support/wait.ts';
import { buildStylesheet } from '../../apps/web/src/stylesheet.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const nginxBin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const skip = !nginxBin ? 'nginx is not installed (apt-get install nginx-light)' : false;

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

let webs: WebProcess[] = [];
let httpPort = 0;
let httpsPort = 0;

// Set up at the top level: teardown steps belong to the file, and the tests share one nginx.
if (!skip) {
  const databaseUrl = await testDatabase();
  webs = [await startWeb(databaseUrl), await startWeb(databaseUrl)];
  const dir = mkdtempSync(path.join(tmpdir(), 'microposts-nginx-'));
  mkdirSync(path.join(dir, 'logs'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=microposts.example',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  httpPort = await freePort();
  httpsPort = await freePort();
  const ports = webs.map((w) => new URL(w.url).port);
  // The deployed file, with only the machine-specific values swapped for this test's.
  const site = readFileSync(path.join(root, 'deploy/nginx.conf'), 'utf8')
    .replace('server 127.0.0.1:3000', `server 127.0.0.1:${ports[0]}`)
    .replace('server 127.0.0.1:3001', `server 127.0.0.1:${ports[1]}`)
    .replace(/^\s*listen \[::\].*$/gm, '')
    .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
    .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
    .replace(/ssl_certificate \S+;/, `ssl_certificate ${dir}/cert.pem;`)
    .replace(/ssl_certificate_key \S+;/, `ssl_certificate_key ${dir}/key.pem;`)
    .replaceAll('/srv/microposts/', `${root}/`);
  writeFileSync(path.join(dir, 'microposts.conf'), site);
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/microposts.conf;
}
`,
  );
  execFileSync(nginxBin!, ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'pipe' });
  const nginx = spawn(nginxBin!, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
  onTeardown('stop nginx', () => {
    nginx.kill('SIGTERM');
  });
  await waitFor(async () => (await request(httpsPort, '/health', true)).status === 200, 'nginx to proxy');
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

test('requests keep succeeding when one web process stops', { skip }, async () => {
  await webs[0]!.stop();
  for (let i = 0; i < 6; i++) {
    const reply = await request(httpsPort, '/', true);
    assert.equal(reply.status, 200);
  }
});
