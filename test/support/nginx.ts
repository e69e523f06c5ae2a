// Runs Debian's nginx with deploy/nginx.conf as shipped, but for the machine-specific values: the
// web processes' ports, the listening ports, a throw-away certificate and the checkout's path.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { freePort } from '@microposts/db';

const root = path.resolve(import.meta.dirname, '..', '..');

/** nginx's binary, or undefined when it is not installed. */
export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

/** Why nginx tests cannot run here, or false. */
export const NO_NGINX: string | false = NGINX
  ? false
  : 'nginx is not installed (apt-get install nginx-light)';

export interface Nginx {
  httpPort: number;
  httpsPort: number;
  /** https://127.0.0.1:<httpsPort> */
  base: string;
  stop(): void;
}

/**
 * Starts nginx in front of web processes on `webPorts`; it is stopped when the test file ends.
 * `dataDir` stands for /var/lib/microposts (where nginx finds media files on disk).
 */
export async function startNginx(webPorts: number[], dataDir = '/nonexistent'): Promise<Nginx> {
  const dir = mkdtempSync(path.join(tmpdir(), 'microposts-nginx-'));
  mkdirSync(path.join(dir, 'logs'));
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=microposts.example'],
      ...['-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')],
    ],
    { stdio: 'ignore' },
  );
  const httpPort = await freePort();
  const httpsPort = await freePort();
  let upstreams = webPorts.map((port) => `    server 127.0.0.1:${port} max_fails=3 fail_timeout=10s;`);
  const site = readFileSync(path.join(root, 'deploy/nginx.conf'), 'utf8')
    .replace(/^\s*server 127\.0\.0\.1:\d+ .*;$/gm, () => {
      const line = upstreams.join('\n');
      upstreams = [];
      return line;
    })
    .replace(/^\s*listen \[::\].*$/gm, '')
    .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
    .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
    .replace(/ssl_certificate \S+;/, `ssl_certificate ${dir}/cert.pem;`)
    .replace(/ssl_certificate_key \S+;/, `ssl_certificate_key ${dir}/key.pem;`)
    .replaceAll('/srv/microposts/', `${root}/`)
    .replace('root /var/lib/microposts;', `root ${dataDir};`);
  writeFileSync(path.join(dir, 'microposts.conf'), site);
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
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
  execFileSync(NGINX!, ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'pipe' });
  const nginx = spawn(NGINX!, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
  const stop = () => {
    if (nginx.exitCode === null) nginx.kill('SIGTERM');
  };
  after(() => {
    stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { httpPort, httpsPort, base: `https://127.0.0.1:${httpsPort}`, stop };
}
