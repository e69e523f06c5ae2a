// Configuration is read from the environment once, at start-up, into one typed object.
// A bad value stops start-up with a message naming the variable (docs/product.md §2).
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | null;
  dataDir: string;
  smtpUrl: string | null;
  mailFrom: string;
  secretKey: string;
  logLevel: string;
  mentionEmailDelaySeconds: number;
  /** WORKER_CONCURRENCY: jobs one worker process runs at once. */
  workerConcurrency: number;
  /** WORKER_METRICS_PORT: where a worker serves Prometheus metrics on 127.0.0.1 (0: not served). */
  workerMetricsPort: number;
  /** Log-in and sign-up attempts allowed per IP address in five minutes. */
  authRateLimit: number;
  /** Failed log-ins allowed per account in an hour, whatever the addresses they come from. */
  loginFailuresPerAccount: number;
  /** Statuses an account may post in three hours. */
  postRateLimit: number;
  /** Client API requests allowed per token (or IP without one) in five minutes. */
  apiRateLimit: number;
  /** Reports an account may file in an hour (website and API). */
  reportRateLimit: number;
  /** Secure cookies when the public URL is https. */
  secureCookies: boolean;
  /** WEB_PROCESSES: web processes `npm start` runs on the one port (default: one per core). */
  webProcesses: number;
  /**
   * READ_CACHE_ENTRIES: entries each web process keeps in its read cache (docs/caching.md), the oldest
   * not used since eviction last passed it dropped first; what bounds the cache's memory
   * (docs/performance.md).
   */
  readCacheEntries: number;
  /** REUSE_PORT: listen with SO_REUSEPORT, so several web processes share PORT (Linux). */
  reusePort: boolean;
  /**
   * TRUST_PROXY: the proxies (addresses, CIDR ranges or proxy-addr's `loopback`, `linklocal`,
   * `uniquelocal`) whose X-Forwarded-For is believed; empty: none, the client is the socket's peer.
   */
  trustProxy: string[];
  media: MediaConfig;
}

/** Where media files go (MEDIA_STORAGE) and where people fetch them. */
export interface MediaConfig {
  storage: 'disk' | 's3';
  /** disk: the folder ($DATA_DIR/media), served at /media/. */
  dir: string;
  /** The absolute URL files are public under, without a trailing slash: `<key>` follows. */
  publicUrl: string;
  /** s3: the bucket and how to reach it. */
  s3: {
    bucket: string;
    endpoint: string | null;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string } | null;
    forcePathStyle: boolean;
  } | null;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Parses and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = url(env, 'PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']).replace(
    /\/+$/,
    '',
  );
  const databaseUrl = env.DATABASE_URL ? url(env, 'DATABASE_URL', '', ['postgres:', 'postgresql:']) : null;
  const smtpUrl = env.SMTP_URL ? url(env, 'SMTP_URL', '', ['smtp:', 'smtps:']) : null;
  const dataDir = path.resolve(env.DATA_DIR || './var');
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) fail('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const mailFrom = env.MAIL_FROM || `microposts <no-reply@${new URL(publicUrl).hostname}>`;
  if (!/@/.test(mailFrom)) fail('MAIL_FROM', 'must contain an e-mail address');
  // Written to for the embedded database, a new secret key, or the mail catcher's inbox.
  if (!databaseUrl || !smtpUrl || (!env.SECRET_KEY && !existsSync(path.join(dataDir, 'secret_key'))))
    writableDir(dataDir);
  return {
    port,
    host,
    publicUrl,
    databaseUrl,
    dataDir,
    smtpUrl,
    mailFrom,
    secretKey: secretKey(env, dataDir),
    logLevel,
    mentionEmailDelaySeconds: integer(env, 'MENTION_EMAIL_DELAY', 60, 0, 86400),
    workerConcurrency: integer(env, 'WORKER_CONCURRENCY', 10, 1, 100),
    workerMetricsPort: integer(env, 'WORKER_METRICS_PORT', 0, 0, 65535),
    authRateLimit: integer(env, 'RATE_LIMIT_AUTH', 25, 1, 1_000_000),
    loginFailuresPerAccount: integer(env, 'RATE_LIMIT_LOGIN_ACCOUNT', 25, 1, 1_000_000),
    postRateLimit: integer(env, 'RATE_LIMIT_POSTS', 300, 1, 1_000_000),
    apiRateLimit: integer(env, 'RATE_LIMIT_API', 300, 1, 1_000_000),
    reportRateLimit: integer(env, 'RATE_LIMIT_REPORTS', 20, 1, 1_000_000),
    secureCookies: publicUrl.startsWith('https:'),
    webProcesses: integer(env, 'WEB_PROCESSES', availableParallelism(), 1, 64),
    readCacheEntries: integer(env, 'READ_CACHE_ENTRIES', 10_000, 100, 1_000_000),
    reusePort: boolean(env, 'REUSE_PORT', false),
    trustProxy: trustProxy(env),
    media: mediaConfig(env, dataDir, publicUrl),
  };
}

function mediaConfig(env: NodeJS.ProcessEnv, dataDir: string, publicUrl: string): MediaConfig {
  const storage = env.MEDIA_STORAGE || 'disk';
  if (storage !== 'disk' && storage !== 's3') fail('MEDIA_STORAGE', 'must be disk or s3');
  const dir = path.join(dataDir, 'media');
  if (storage === 'disk') return { storage, dir, publicUrl: `${publicUrl}/media`, s3: null };
  if (!env.S3_BUCKET) fail('S3_BUCKET', 'must be set when MEDIA_STORAGE is s3');
  if (!env.S3_PUBLIC_URL)
    fail('S3_PUBLIC_URL', 'must be set when MEDIA_STORAGE is s3 (where files are public)');
  const keyId = env.S3_ACCESS_KEY_ID ?? '';
  const secret = env.S3_SECRET_ACCESS_KEY ?? '';
  if (!keyId !== !secret)
    fail(
      keyId ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID',
      'must be set together with the other S3 key variable',
    );
  const pathStyle = env.S3_FORCE_PATH_STYLE;
  if (pathStyle && !['true', 'false'].includes(pathStyle))
    fail('S3_FORCE_PATH_STYLE', 'must be true or false');
  const endpoint = env.S3_ENDPOINT ? url(env, 'S3_ENDPOINT', '', ['http:', 'https:']) : null;
  return {
    storage,
    dir,
    publicUrl: url(env, 'S3_PUBLIC_URL', '', ['http:', 'https:']).replace(/\/+$/, ''),
    s3: {
      bucket: env.S3_BUCKET,
      endpoint,
      region: env.S3_REGION || 'us-east-1',
      credentials: keyId ? { accessKeyId: keyId, secretAccessKey: secret } : null,
      // S3-compatible servers mostly want the bucket in the path; AWS takes either.
      forcePathStyle: pathStyle ? pathStyle === 'true' : endpoint !== null,
    },
  };
}

/** loadConfig for a process entry point: a bad value prints the message and exits with code 1. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
}

function fail(name: string, problem: string): never {
  throw new ConfigError(`${name} ${problem}.`);
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max)
    fail(name, `must be a whole number from ${min} to ${max}`);
  return n;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  fail(name, 'must be true or false (or 1 or 0)');
}

/** What an errno code on a folder means, in words ("is on a read-only file system"). */
export const DIR_PROBLEMS: Record<string, string> = {
  EROFS: 'is on a read-only file system',
  EACCES: 'is not writable by this user',
  EPERM: 'is not writable by this user',
  ENOTDIR: 'is not a folder',
  EEXIST: 'is not a folder',
  ENOENT: 'cannot be created',
  ENOSPC: 'is on a full disk',
};

// DATA_DIR must exist (it is made if missing) and be writable; otherwise say so, naming the cause.
function writableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    const code = causeOf(dir, (error as NodeJS.ErrnoException).code ?? 'error');
    fail(
      'DATA_DIR',
      `(${dir}) ${DIR_PROBLEMS[code] ?? 'cannot be used'} (${code}); set it to a folder this user can write`,
    );
  }
}

// A recursive mkdir reports ENOENT for several causes (a read-only parent, say): making the first
// missing folder by itself gives the real one.
function causeOf(dir: string, code: string): string {
  if (code !== 'ENOENT') return code;
  let first = dir;
  while (!existsSync(path.dirname(first)) && path.dirname(first) !== first) first = path.dirname(first);
  try {
    mkdirSync(first);
    return code;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? code;
  }
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

// Checked here rather than left to proxy-addr, so a typo stops start-up naming the variable.
function trustProxy(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.TRUST_PROXY ?? '').split(/[\s,]+/).filter(Boolean);
  for (const entry of entries) {
    if (PROXY_NAMES.includes(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (!family || !prefixOk || rest.length > 0)
      fail(
        'TRUST_PROXY',
        `has "${entry}", which is not an IP address, a CIDR range or one of ${PROXY_NAMES.join(', ')}`,
      );
  }
  return entries;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback: string, protocols: string[]): string {
  const raw = env[name] || fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    fail(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol))
    fail(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  return raw;
}

// Without SECRET_KEY, one is generated on first start and kept, so sessions survive restarts.
function secretKey(env: NodeJS.ProcessEnv, dataDir: string): string {
  if (env.SECRET_KEY) {
    if (env.SECRET_KEY.length < 32) fail('SECRET_KEY', 'must be at least 32 characters');
    return env.SECRET_KEY;
  }
  const file = path.join(dataDir, 'secret_key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  try {
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process starting at the same moment wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
  return key;
}
