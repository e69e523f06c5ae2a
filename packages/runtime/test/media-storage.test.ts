// One storage suite, two drivers: local disk, and S3 against a local S3-compatible server (s3rver,
// on 127.0.0.1, see test/support/s3.ts). Both keep files by key, answer null for a missing one, delete in bulk (keys with
// no file are fine), list everything in pages, and refuse keys that would climb out of the root.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, test } from 'node:test';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { MediaStorage } from '@microposts/core';
import { diskStorage } from '@microposts/runtime';
import { s3Storage } from '@microposts/runtime/s3-storage';
import { startLocalS3 } from '../../../test/support/s3.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';

const s3 = await startLocalS3();
const s3Driver = s3Storage({
  bucket: s3.bucket,
  endpoint: s3.endpoint,
  region: 'us-east-1',
  credentials: s3.credentials,
  forcePathStyle: true,
});
const drivers: Array<[string, MediaStorage, (key: string) => string | null]> = [
  ['disk', diskStorage(path.join(tempDir('microposts-disk-'), 'media')), () => null],
  ['s3', s3Driver, (key) => `${s3.publicUrl}/${key}`],
];

const all = async (storage: MediaStorage) => {
  const files = [];
  let pages = 0;
  for await (const page of storage.list()) {
    pages++;
    files.push(...page);
  }
  return { files, pages };
};

for (const [name, storage, publicUrl] of drivers) {
  describe(`the ${name} storage`, () => {
    const token = () => randomBytes(16).toString('hex');

    test('keeps a file by key and gives it back; a missing key is null', async () => {
      const key = `attachments/${token()}/original.jpg`;
      const bytes = randomBytes(3000);
      await storage.put(key, bytes, 'image/jpeg');
      assert.deepEqual(await storage.get(key), bytes);
      assert.equal(await storage.get(`attachments/${token()}/original.jpg`), null);
      const url = publicUrl(key);
      if (url) {
        // Public at its URL, with its type and a year of caching.
        const response = await fetch(url);
        assert.equal(response.status, 200);
        assert.deepEqual(Buffer.from(await response.arrayBuffer()), bytes);
        const head = await s3Driver.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
        assert.equal(head.ContentType, 'image/jpeg');
        assert.equal(head.CacheControl, 'public, max-age=31536000, immutable');
      }
    });

    test('lists every file with its size, deletes in bulk (missing keys are fine)', async () => {
      const before = new Set((await all(storage)).files.map((f) => f.key));
      const keys = [`avatars/${token()}.png`, `headers/${token()}.jpg`, `attachments/${token()}/small.jpg`];
      for (const [i, key] of keys.entries()) await storage.put(key, Buffer.alloc(100 + i), 'image/png');
      const listed = (await all(storage)).files.filter((f) => !before.has(f.key));
      assert.deepEqual(listed.map((f) => [f.key, f.bytes]).sort(), keys.map((k, i) => [k, 100 + i]).sort());
      for (const f of listed) assert.ok(Math.abs(f.modifiedAt.getTime() - Date.now()) < 10 * 60_000);
      await storage.delete([...keys, `avatars/${token()}.png`]);
      for (const key of keys) assert.equal(await storage.get(key), null);
      assert.deepEqual(
        (await all(storage)).files.filter((f) => !before.has(f.key)),
        [],
      );
    });

    test('lists and deletes more than a page (1000) of files', async () => {
      const prefix = `attachments/${token()}`;
      const keys = Array.from({ length: 1010 }, (_, i) => `${prefix}/${i}.jpg`);
      for (let i = 0; i < keys.length; i += 50)
        await Promise.all(keys.slice(i, i + 50).map((k) => storage.put(k, Buffer.from('x'), 'image/jpeg')));
      const { files, pages } = await all(storage);
      assert.ok(pages >= 2, `${pages} pages`);
      assert.equal(files.filter((f) => f.key.startsWith(prefix)).length, 1010);
      await storage.delete(keys);
      assert.equal((await all(storage)).files.filter((f) => f.key.startsWith(prefix)).length, 0);
    });

    test('refuses keys that would leave its root', async () => {
      for (const key of [
        '../secret_key',
        '/etc/passwd',
        'attachments/../../x',
        '.hidden',
        'a//b',
        'A/B.JPG',
      ]) {
        await assert.rejects(
          storage.put(key, Buffer.from('x'), 'image/jpeg'),
          /Not a media storage key/,
          key,
        );
        await assert.rejects(storage.get(key), /Not a media storage key/, key);
        await assert.rejects(storage.delete([key]), /Not a media storage key/, key);
      }
    });
  });
}
