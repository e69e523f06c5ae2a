// A local S3-compatible server (s3rver, from npm, no install scripts) on 127.0.0.1, for testing the
// S3 media driver: a fresh bucket in a temporary folder, stopped when the test file ends.
//
// It runs in a child process started with --openssl-legacy-provider: s3rver encrypts its
// ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node ≥ 17) offers only through the
// legacy provider; in-process, every listing of more than a page fails with a 500.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { onTeardown } from './teardown.ts';
import { tempDir } from './temp-dir.ts';
import { waitFor } from './wait.ts';

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** Where the bucket's objects are public (path style). */
  publicUrl: string;
  /** s3rver's own key pair. */
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export async function startLocalS3(bucket = 'media'): Promise<LocalS3> {
  const child = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      path.join(import.meta.dirname, 's3-server.ts'),
      tempDir('microposts-s3-'),
      bucket,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  onTeardown('stop the local S3 server', async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  });
  const port = await waitFor(() => {
    if (child.exitCode !== null) throw new Error(`the local S3 server exited:\n${out}`);
    return /^(\d+)\n/.exec(out)?.[1];
  }, 'the local S3 server to listen');
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    publicUrl: `${endpoint}/${bucket}`,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  };
}
