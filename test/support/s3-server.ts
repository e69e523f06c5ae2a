// Runs s3rver in its own process (see s3.ts for why): `node --openssl-legacy-provider s3-server.ts
// <directory> <bucket>` serves on a free port of 127.0.0.1, prints the port on one line, and stops
// on SIGTERM.
import S3rver from '@20minutes/s3rver';

const [directory, bucket] = process.argv.slice(2);
if (!directory || !bucket) throw new Error('usage: s3-server.ts <directory> <bucket>');
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
  vhostBuckets: false,
  // s3rver computes bucket-level requests' canonical path without the trailing slash the AWS SDK v3
  // signs (ListObjectsV2, DeleteObjects): it still checks the access key, but not those signatures.
  allowMismatchedSignatures: true,
});
const { port } = await server.run();
process.stdout.write(`${port}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
