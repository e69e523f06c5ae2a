// The web process checks uploads by their headers and never loads sharp or libvips (issue 9: their
// memory kept the web process over its target). The web application runs in this process, which
// imports nothing that loads sharp (no test/support/images.ts: the files are written by hand); after
// good and bad uploads of every kind the check handles, neither sharp's modules nor its shared
// libraries are in the process. Then the worker's image processor is used here, and both are: the
// probe sees what it looks for.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { sharpImageProcessor } from '@microposts/runtime';
import { startApiServer } from '../../../test/support/api-server.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import { bombPng, greyPng } from '../../../test/support/png.ts';

/** sharp's JavaScript modules (its own and its @img binaries) and native libraries in this process. */
function sharpLoaded() {
  const modules = Object.keys(createRequire(import.meta.url).cache).filter((file) =>
    /[\\/]node_modules[\\/](sharp|@img)[\\/]/.test(file),
  );
  const report = process.report.getReport() as unknown as { sharedObjects: string[] };
  const libraries = report.sharedObjects.filter((file) => /libvips|sharp/.test(file));
  return { modules, libraries };
}

const server = await startApiServer();
const f = fixtures(server.app);
const { token } = await f.token(await f.account());

async function upload(bytes: Buffer, type = 'image/png') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'upload');
  const response = await fetch(`${server.url}/api/v2/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as { id?: string; error?: string } };
}

// A GIF's header (signature and logical screen) and a first image descriptor: enough to be read.
const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.from([20, 0, 10, 0, 0, 0, 0])]);
// A JPEG's start of image, then a baseline frame header of 640 × 480 and nothing after.
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0x01, 0xe0, 0x02, 0x80, 1, 1, 0x11, 0]);

test('uploads are checked in the web process without loading sharp', async () => {
  assert.deepEqual(sharpLoaded(), { modules: [], libraries: [] }, 'nothing loaded sharp before the uploads');

  for (const [bytes, type] of [
    [greyPng(64, 48), 'image/png'],
    [gif, 'image/gif'],
    [jpeg, 'image/jpeg'],
  ] as const) {
    const taken = await upload(bytes, type);
    assert.equal(taken.status, 202, JSON.stringify(taken.body));
  }
  const refused: Array<[Buffer, RegExp]> = [
    [bombPng(), /^Validation failed: Image is too large \(50000 × 50000 pixels/],
    [greyPng(64, 48).subarray(0, 20), /^Validation failed: The image is damaged or incomplete \(truncated\)/],
    [
      Buffer.concat([greyPng().subarray(0, 8), jpeg]),
      /^Validation failed: The image is damaged or incomplete/,
    ],
    [Buffer.from('%PDF-1.4\n'), /^Validation failed: File is not a supported image/],
  ];
  for (const [bytes, message] of refused) {
    const r = await upload(bytes);
    assert.equal(r.status, 422);
    assert.match(r.body.error!, message);
  }

  assert.deepEqual(sharpLoaded(), { modules: [], libraries: [] }, 'the web process loaded sharp');
});

test('the probe sees sharp once the worker’s image processor has run here', async () => {
  const processed = await sharpImageProcessor().process(greyPng(64, 48), 'attachment');
  assert.equal(processed.original.width, 64);
  const loaded = sharpLoaded();
  assert.ok(
    loaded.modules.some((file) => /[\\/]sharp[\\/]/.test(file)),
    JSON.stringify(loaded),
  );
  assert.ok(
    loaded.libraries.some((file) => /libvips/.test(file)),
    JSON.stringify(loaded),
  );
});
