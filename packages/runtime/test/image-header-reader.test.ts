// The web process's header reader against sharp's metadata(), which the web process used before
// (issue 9): on every image the media tests make and on generated ones, the same format and size; on
// damaged files and files whose magic number lies, the same message for the uploader, at once or
// (when the header is whole and the body is not) from the worker's full decode. Crafted files that
// would make a walk over the header slow are refused as damaged.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp, { type Metadata } from 'sharp';
import { imageMatrixError, ImageRejectedError, type ImageHeader } from '@microposts/core';
import { imageHeaderReader, sharpImageProcessor } from '@microposts/runtime';
import {
  HEIC_HEADER,
  NOT_AN_IMAGE,
  SVG_WITH_SCRIPT,
  bombPng,
  image,
  phoneJpeg,
  realBomb,
  truncated,
} from '../../../test/support/images.ts';
import { greyPng } from '../../../test/support/png.ts';

const reader = imageHeaderReader();
const processor = sharpImageProcessor();
const NOT_SUPPORTED = 'File is not a supported image (JPEG, PNG, GIF, WebP or AVIF).';
const DAMAGED = 'The image is damaged or incomplete (truncated); it could not be read.';

type Read = ImageHeader | { error: string };

/** What the web process read with sharp before: its inspect(), as it was. */
async function bySharp(bytes: Buffer): Promise<Read> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    return { error: /unsupported image format/i.test(String(error)) ? NOT_SUPPORTED : DAMAGED };
  }
  const format =
    meta.format === 'heif'
      ? meta.compression === 'av1'
        ? 'avif'
        : null
      : (['jpeg', 'png', 'gif', 'webp'] as const).find((f) => f === meta.format);
  if (!format || !meta.width || !meta.height) return { error: NOT_SUPPORTED };
  const turned = (meta.orientation ?? 1) >= 5;
  return { format, width: turned ? meta.height : meta.width, height: turned ? meta.width : meta.height };
}

function byReader(bytes: Buffer): Read {
  const read = readerOn(bytes);
  // An upload is often a slice of a larger buffer: what lies after it must change nothing.
  const larger = Buffer.alloc(bytes.length + 64, 0x7f);
  bytes.copy(larger);
  assert.deepEqual(readerOn(larger.subarray(0, bytes.length)), read, 'the same bytes in a larger buffer');
  return read;
}

function readerOn(bytes: Buffer): Read {
  try {
    return reader.read(bytes);
  } catch (error) {
    if (error instanceof ImageRejectedError) return { error: error.message };
    throw error; // never anything else: that would be a 500
  }
}

/** What the uploader is told in the end: at once by the check, else by the worker, else nothing. */
async function told(read: Read, bytes: Buffer): Promise<string | 'processed'> {
  if ('error' in read) return read.error;
  const tooBig = imageMatrixError(read.width, read.height);
  if (tooBig) return tooBig;
  try {
    await processor.process(bytes, 'attachment');
    return 'processed';
  } catch (error) {
    assert.ok(error instanceof ImageRejectedError, String(error));
    return error.message;
  }
}

const FORMATS = ['jpeg', 'png', 'gif', 'webp', 'avif'] as const;

async function goodImages(): Promise<Array<[string, Buffer]>> {
  const files: Array<[string, Buffer]> = [];
  for (const format of FORMATS) {
    files.push([`${format} 320 × 200`, await image(format)]);
    files.push([`${format} 33 × 17 with alpha`, await image(format, 33, 17, true)]);
    files.push([`${format} 1 × 1`, await image(format, 1, 1)]);
    files.push([`${format} 2001 × 3`, await image(format, 2001, 3)]);
  }
  files.push(['phone JPEG, orientation 6', await phoneJpeg()]);
  for (const orientation of [2, 3, 5, 7, 8])
    files.push([
      `JPEG, orientation ${orientation}`,
      await sharp(await image('jpeg', 64, 40))
        .withMetadata({ orientation })
        .jpeg()
        .toBuffer(),
    ]);
  const solid = () => sharp({ create: { width: 41, height: 31, channels: 3, background: '#123456' } });
  files.push(['progressive JPEG', await solid().jpeg({ progressive: true }).toBuffer()]);
  files.push(['JPEG with an ICC profile', await solid().withIccProfile('p3').jpeg().toBuffer()]);
  files.push(['lossless WebP', await solid().webp({ lossless: true }).toBuffer()]);
  files.push(['animated GIF', await animated('gif')]);
  files.push(['animated WebP', await animated('webp')]);
  files.push(['10-bit AVIF', await solid().avif({ bitdepth: 10 }).toBuffer()]);
  files.push(['PNG written by hand', greyPng(77, 13)]);
  files.push(['decompression bomb header (50000 × 50000)', bombPng()]);
  files.push(['real decompression bomb (8000 × 5000)', await realBomb()]);
  return files;
}

async function animated(format: 'gif' | 'webp'): Promise<Buffer> {
  const frame = (background: string) =>
    sharp({ create: { width: 30, height: 20, channels: 3, background } })
      .png()
      .toBuffer();
  return sharp([await frame('#f00'), await frame('#0f0')], { join: { animated: true } })
    .toFormat(format)
    .toBuffer();
}

describe('the header reader reads what sharp read', () => {
  test('format and size as shown, for every format we take', async () => {
    for (const [what, bytes] of await goodImages()) {
      assert.deepEqual(byReader(bytes), await bySharp(bytes), what);
    }
  });

  test('an orientation in a PNG or WebP EXIF chunk: the same pixels, not turned', async () => {
    // image-size reads no EXIF outside JPEG: only the order of the two numbers in a "too large"
    // message can differ, never whether an image is refused.
    for (const format of ['png', 'webp'] as const) {
      const bytes = await sharp(await image(format, 30, 20))
        .withMetadata({ orientation: 6 })
        .toFormat(format)
        .toBuffer();
      const [ours, theirs] = [byReader(bytes), await bySharp(bytes)];
      assert.deepEqual(ours, { format, width: 30, height: 20 });
      assert.deepEqual(theirs, { format, width: 20, height: 30 });
    }
  });
});

describe('bad files: the uploader is told the same', () => {
  async function badFiles(): Promise<Array<[string, Buffer]>> {
    const files: Array<[string, Buffer]> = [];
    for (const format of FORMATS) {
      const whole = await image(format, 640, 480);
      for (const keep of [8, 12, 16, 20, 24, 29, 40, 64, 200])
        files.push([`${format} cut to ${keep} bytes`, whole.subarray(0, keep)]);
      for (const keep of [0.1, 0.5, 0.9])
        files.push([`${format} cut to ${keep * 100}%`, truncated(whole, keep)]);
    }
    files.push(['phone JPEG cut in half', truncated(await phoneJpeg(900, 700))]);
    const [jpeg, png] = [await image('jpeg'), await image('png')];
    // Magic numbers that lie: the first bytes of one format, the rest of another or of nothing.
    files.push(['JPEG magic, then a PNG', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), png.subarray(3)])]);
    files.push([
      'JPEG marker, then a whole PNG',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), png]),
    ]);
    files.push(['PNG signature, then a JPEG', Buffer.concat([png.subarray(0, 8), jpeg])]);
    files.push(['PNG header, then a JPEG', Buffer.concat([png.subarray(0, 33), jpeg])]);
    files.push(['WebP RIFF header, then a JPEG', Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBP'), jpeg])]);
    files.push(['AVIF ftyp box, then a PNG', Buffer.concat([(await image('avif')).subarray(0, 32), png])]);
    const zeroWide = greyPng(5, 5);
    zeroWide.writeUInt32BE(0, 16);
    files.push(['a PNG 0 pixels wide', zeroWide]);
    return files;
  }

  test('damaged files and lying magic numbers, at once or from the worker', async () => {
    for (const [what, bytes] of await badFiles()) {
      const ours = byReader(bytes);
      const theirs = await bySharp(bytes);
      assert.equal(await told(ours, bytes), await told(theirs, bytes), what);
      // A header sharp could read is one we read the same.
      if (!('error' in theirs)) assert.deepEqual(ours, theirs, what);
    }
  });

  test('what the magic numbers refuse before any reading (PDF, SVG, HEIC) the reader refuses too', () => {
    for (const bytes of [NOT_AN_IMAGE, SVG_WITH_SCRIPT, HEIC_HEADER])
      assert.deepEqual(byReader(bytes), { error: NOT_SUPPORTED });
  });

  test('a GIF signature on other bytes: refused at once as too large, where sharp said damaged', async () => {
    // A GIF's size is the 4 bytes after its signature: whatever follows spells one. Both refuse the
    // file before anything is written; only the words differ.
    const bytes = Buffer.concat([Buffer.from('GIF89a'), await image('jpeg')]);
    assert.deepEqual(await bySharp(bytes), { error: DAMAGED });
    const ours = byReader(bytes);
    assert.ok(!('error' in ours));
    assert.match(imageMatrixError(ours.width, ours.height)!, /^Image is too large \(55551 × 56319 pixels/);
  });

  test('an AVIF-branded file of HEVC (which sharp cannot decode) is not a supported image', async () => {
    const avif = await image('avif');
    const at = avif.indexOf('av1C', 0, 'latin1');
    assert.ok(at > 0);
    const hevc = Buffer.from(avif);
    hevc.write('hvcC', at, 'latin1');
    assert.deepEqual(byReader(hevc), { error: NOT_SUPPORTED });
  });

  test('crafted files that would keep a header walk busy are damaged', () => {
    // image-size took 3.5 s on the first and 27 s on a smaller one of the second (see jpeg-header.ts
    // and avif-header.ts); these walks read each marker or box once, up to a bound.
    const zeros = Buffer.alloc(16 * 1024 * 1024 - 1);
    zeros.set([0xff, 0xd8, 0xff]);
    const box = (type: string, body: Buffer) => {
      const header = Buffer.alloc(8);
      header.writeUInt32BE(8 + body.length);
      header.write(type, 4, 'latin1');
      return Buffer.concat([header, body]);
    };
    const ispe = box('ispe', Buffer.from([0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 10]));
    const empty = box('free', Buffer.alloc(0));
    const ipco = box(
      'ipco',
      Buffer.concat([...Array<Buffer>(20_000).fill(ispe), ...Array<Buffer>(100_000).fill(empty)]),
    );
    const manyBoxes = Buffer.concat([
      box('ftyp', Buffer.from('avif\0\0\0\0mif1avif', 'latin1')),
      box('meta', Buffer.concat([Buffer.alloc(4), box('iprp', ipco)])),
    ]);
    const emptyBoxes = Buffer.concat([
      box('ftyp', Buffer.from('avif\0\0\0\0mif1avif', 'latin1')),
      ...Array<Buffer>(2_000_000).fill(empty),
    ]);
    for (const bytes of [zeros, manyBoxes, emptyBoxes]) assert.deepEqual(byReader(bytes), { error: DAMAGED });
  });
});
