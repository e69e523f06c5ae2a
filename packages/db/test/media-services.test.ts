// Media through the real services on PostgreSQL, the real image library (sharp) and disk storage:
// uploads checked at once, processed (metadata stripped, oriented, bounded, re-encoded), attached to
// statuses, shown on profiles; bad files refused with nothing written; files deleted with what
// owned them; uploads never posted purged; orphans found.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import sharp from 'sharp';
import exif from 'exif-reader';
import {
  IMAGE_SIZE_LIMIT,
  isDomainError,
  MEDIA_PROCESSING,
  ValidationError,
  type MediaAttachment,
} from '@microposts/core';
import { testApp } from '../../../test/support/app.ts';
import { fixtures } from '../../../test/support/fixtures.ts';
import {
  bombPng,
  HEIC_HEADER,
  image,
  NOT_AN_IMAGE,
  phoneJpeg,
  SVG_WITH_SCRIPT,
  truncated,
} from '../../../test/support/images.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';

const dataDir = tempDir('microposts-media-');
const app = await testApp({ DATA_DIR: dataDir });
const s = app.services;
const f = fixtures(app);
const mediaDir = path.join(dataDir, 'media');

const counts = async () => {
  const { rows } = await sql<{ media: string; jobs: string }>`
    SELECT (SELECT count(*) FROM media_attachments) AS media,
           (SELECT count(*) FROM graphile_worker.jobs WHERE task_identifier = 'process-media') AS jobs`.execute(
    app.db,
  );
  return { media: Number(rows[0]!.media), jobs: Number(rows[0]!.jobs) };
};
const upload = async (actorId: string, bytes: Buffer, more: { description?: string; focus?: string } = {}) =>
  (await s.media.upload({ actorId, items: [{ file: { bytes }, ...more }] }))[0]!;
/** Uploads and processes (as the worker would). */
const ready = async (actorId: string, bytes: Buffer, more: { description?: string } = {}) => {
  const m = await upload(actorId, bytes, more);
  assert.equal(await s.media.process({ mediaId: m.id, finalAttempt: false }), 'ready');
  return s.media.get({ actorId, mediaId: m.id });
};
const stored = (key: string) => path.join(mediaDir, ...key.split('/'));
const refusal = async (promise: Promise<unknown>): Promise<ValidationError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  assert.fail('expected a ValidationError');
};

describe('an upload', () => {
  test('is stored with its processing job, then processed: GPS and all metadata gone, oriented, bounded, blurhash', async () => {
    const ann = await f.account();
    const photo = await phoneJpeg(2400, 1600);
    const before = await sharp(photo).metadata();
    assert.ok(exif(before.exif!).GPSInfo?.GPSLatitude, 'the test photo carries a GPS position');

    const m = await upload(ann.id, photo, { description: 'A blue field', focus: '0.5,-0.25' });
    assert.equal(m.state, 'processing');
    assert.equal(m.fileKey, null);
    const job = await sql<{ n: string }>`SELECT count(*) AS n FROM graphile_worker.jobs
      WHERE task_identifier = 'process-media' AND key = ${`process-media:${m.id}`}`.execute(app.db);
    assert.equal(Number(job.rows[0]!.n), 1, 'its job was enqueued with it');

    assert.equal(await s.media.process({ mediaId: m.id, finalAttempt: false }), 'ready');
    const done = await s.media.get({ actorId: ann.id, mediaId: m.id });
    assert.equal(done.state, 'ready');
    assert.equal(done.description, 'A blue field');
    assert.deepEqual(done.focus, { x: 0.5, y: -0.25 });
    // Orientation 6: 2400 × 1600 stored turned shows 1600 wide, 2400 high; bounded to 1920 on the long side.
    assert.deepEqual([done.original!.width, done.original!.height], [1280, 1920]);
    assert.ok(done.small!.width <= 640 && done.small!.height <= 640);
    assert.equal(Math.max(done.small!.width, done.small!.height), 640);
    assert.match(done.blurhash!, /^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{20,40}$/);
    assert.match(done.fileKey!, /^attachments\/[0-9a-f]{32}\/original\.jpg$/);

    for (const key of [done.fileKey!, done.previewKey!]) {
      const file = await app.services.media.usage().then(() => stored(key));
      assert.ok(existsSync(file), `${key} is stored`);
      const meta = await sharp(file).metadata();
      assert.equal(meta.exif, undefined, 'no EXIF at all (no GPS position)');
      assert.equal(meta.xmp, undefined);
      assert.equal(meta.iptc, undefined);
      assert.equal(meta.icc, undefined);
      assert.equal(meta.orientation, undefined, 'the pixels are turned, not tagged');
      assert.equal(meta.format, 'jpeg');
    }
    const { rows } = await sql<{
      upload: Buffer | null;
    }>`SELECT upload FROM media_attachments WHERE id = ${m.id}`.execute(app.db);
    assert.equal(rows[0]!.upload, null, 'the uploaded bytes (with their GPS tags) are dropped');
  });

  test('every format we take becomes an image; transparency is kept (PNG)', async () => {
    const ann = await f.account();
    for (const [format, alpha, ext] of [
      ['jpeg', false, 'jpg'],
      ['png', true, 'png'],
      ['png', false, 'jpg'],
      ['gif', false, 'jpg'],
      ['webp', true, 'png'],
      ['avif', false, 'jpg'],
    ] as const) {
      const m = await ready(ann.id, await image(format, 320, 200, alpha));
      assert.equal(path.extname(m.fileKey!), `.${ext}`, `${format}${alpha ? ' with alpha' : ''}`);
      assert.deepEqual([m.original!.width, m.original!.height], [320, 200], 'small images are not enlarged');
    }
  });

  test('a wrong MIME type with a real image inside: the bytes decide', async () => {
    const ann = await f.account();
    const png = await image('png');
    const [m] = await s.media.upload({
      actorId: ann.id,
      items: [{ file: { bytes: png, mimetype: 'image/gif', filename: 'photo.gif' } }],
    });
    assert.equal(await s.media.process({ mediaId: m!.id, finalAttempt: false }), 'ready');
  });

  const bad: Array<[string, () => Promise<Buffer> | Buffer, string | RegExp]> = [
    ['not an image', () => NOT_AN_IMAGE, 'File is not a supported image (JPEG, PNG, GIF, WebP or AVIF).'],
    ['an SVG with script', () => SVG_WITH_SCRIPT, /^SVG images are not supported/],
    ['a HEIC photo', () => HEIC_HEADER, /^HEIC images are not supported/],
    [
      'a decompression bomb',
      () => bombPng(),
      /^Image is too large \(50000 × 50000 pixels; at most 33,177,600 pixels\)\.$/,
    ],
    ['an empty file', () => Buffer.alloc(0), 'File is empty.'],
  ];
  for (const [what, make, message] of bad) {
    test(`${what} is refused at once, with nothing written`, async () => {
      const ann = await f.account();
      const before = await counts();
      const error = await refusal(upload(ann.id, await make()));
      assert.equal(error.code, 'validation_failed');
      if (typeof message === 'string') assert.equal(error.fields.file, message);
      else assert.match(error.fields.file!, message);
      assert.deepEqual(await counts(), before);
    });
  }

  test('a file over the size limit is refused as too large (413), with nothing written', async () => {
    const ann = await f.account();
    const before = await counts();
    const big = Buffer.concat([await image('jpeg'), Buffer.alloc(IMAGE_SIZE_LIMIT)]);
    const error = await refusal(upload(ann.id, big));
    assert.equal(error.code, 'file_too_large');
    assert.equal(error.fields.file, 'File is too large (at most 16 MB).');
    // As the web edge hands it over when it cut the file at the limit.
    const cut = await refusal(
      s.media.upload({
        actorId: ann.id,
        items: [{ file: { bytes: Buffer.alloc(10), tooLarge: true } as never }],
      }),
    );
    assert.equal(cut.code, 'file_too_large');
    assert.deepEqual(await counts(), before);
  });

  test('bad alt text and focus are refused with nothing written', async () => {
    const ann = await f.account();
    const before = await counts();
    const jpeg = await image('jpeg');
    const error = await refusal(upload(ann.id, jpeg, { description: 'x'.repeat(1501), focus: '2,0' }));
    assert.match(
      error.fields.description!,
      /^Description is too long \(1501 characters; the maximum is 1500\)\.$/,
    );
    assert.match(error.fields.focus!, /^Focus must be two numbers from -1 to 1/);
    assert.deepEqual(await counts(), before);
  });

  test('a truncated file fails in the worker with a reason; the upload is marked failed and never attaches', async () => {
    const ann = await f.account();
    const m = await upload(ann.id, truncated(await phoneJpeg(800, 600)));
    assert.equal(await s.media.process({ mediaId: m.id, finalAttempt: false }), 'failed');
    const failed = await s.media.get({ actorId: ann.id, mediaId: m.id });
    assert.equal(failed.state, 'failed');
    assert.equal(failed.error, 'The image is damaged or incomplete (truncated); it could not be read.');
    assert.equal(failed.fileKey, null);
    const error = await refusal(s.statuses.create({ actorId: ann.id, text: 'look', mediaIds: [m.id] }));
    assert.match(error.fields.media_ids!, /could not be processed: The image is damaged/);
  });

  test('a real decompression bomb (tiny file, 40 megapixels) is refused before decoding', async () => {
    const ann = await f.account();
    const bomb = await sharp({ create: { width: 8000, height: 5000, channels: 3, background: '#000' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    assert.ok(bomb.length < 1_000_000);
    const error = await refusal(upload(ann.id, bomb));
    assert.match(error.fields.file!, /^Image is too large \(8000 × 5000 pixels/);
  });

  test('only its uploader sees or changes it', async () => {
    const [ann, bob] = [await f.account(), await f.account()];
    const m = await ready(ann.id, await image('jpeg'));
    await assert.rejects(s.media.get({ actorId: bob.id, mediaId: m.id }), (e) =>
      isDomainError(e, 'not_found'),
    );
    await assert.rejects(s.media.update({ actorId: bob.id, mediaId: m.id, description: 'mine now' }), (e) =>
      isDomainError(e, 'not_found'),
    );
    const changed = await s.media.update({
      actorId: ann.id,
      mediaId: m.id,
      description: 'A pink square',
      focus: '-1,1',
    });
    assert.equal(changed.description, 'A pink square');
    assert.deepEqual(changed.focus, { x: -1, y: 1 });
    assert.equal(
      (await s.media.update({ actorId: ann.id, mediaId: m.id, description: '' })).description,
      null,
    );
  });
});

describe('statuses with media', () => {
  test('up to four of your own processed uploads, in order; the text may be empty', async () => {
    const ann = await f.account();
    const media: MediaAttachment[] = [];
    for (let i = 0; i < 4; i++) media.push(await ready(ann.id, await image('jpeg', 100 + i, 100)));
    const ids = [media[2]!.id, media[0]!.id, media[3]!.id, media[1]!.id];
    const status = await s.statuses.create({ actorId: ann.id, text: '', mediaIds: ids });
    assert.equal(status.text, '');
    assert.deepEqual(
      status.media!.map((m) => m.id),
      ids,
    );
    assert.equal(status.media![0]!.original!.width, 102);
    // The same upload cannot go on a second status.
    const again = await refusal(s.statuses.create({ actorId: ann.id, text: 'again', mediaIds: [ids[0]!] }));
    assert.equal(again.fields.media_ids, `Media ${ids[0]} was not found.`);
  });

  test('refused: five, someone else’s, still processing, unknown; with nothing written', async () => {
    const [ann, bob] = [await f.account(), await f.account()];
    const five = [];
    for (let i = 0; i < 5; i++) five.push((await ready(ann.id, await image('png'))).id);
    const bobs = (await ready(bob.id, await image('png'))).id;
    const processing = (await upload(ann.id, await image('png'))).id;
    const statuses = async () =>
      Number((await sql<{ n: string }>`SELECT count(*) AS n FROM statuses`.execute(app.db)).rows[0]!.n);
    const before = await statuses();
    const cases: Array<[string[], string]> = [
      [five, 'You can attach at most 4 images to a post.'],
      [[bobs], `Media ${bobs} was not found.`],
      [[processing], MEDIA_PROCESSING],
      [['12345'], 'Media 12345 was not found.'],
      [['nope'], 'Media nope was not found.'],
    ];
    for (const [mediaIds, message] of cases) {
      const error = await refusal(s.statuses.create({ actorId: ann.id, text: 'hi', mediaIds }));
      assert.equal(error.fields.media_ids, message);
    }
    assert.equal(await statuses(), before);
    const unattached = await sql<{ n: string }>`SELECT count(*) AS n FROM media_attachments
      WHERE account_id = ${ann.id} AND status_id IS NOT NULL`.execute(app.db);
    assert.equal(Number(unattached.rows[0]!.n), 0);
    // Blank text without media is still refused.
    const blank = await refusal(s.statuses.create({ actorId: ann.id, text: '  ' }));
    assert.equal(blank.fields.text, "Text can't be blank.");
  });

  test('only_media lists the statuses with images', async () => {
    const ann = await f.account();
    const plain = await f.status(ann, 'no picture');
    const m = await ready(ann.id, await image('jpeg'));
    const pictured = await s.statuses.create({ actorId: ann.id, text: 'a picture', mediaIds: [m.id] });
    const list = (onlyMedia: boolean) =>
      s.timelines
        .accountStatuses({ accountId: ann.id, page: { limit: 20 }, onlyMedia })
        .then((l) => l.map((x) => x.id));
    assert.deepEqual(await list(true), [pictured.id]);
    assert.deepEqual(await list(false), [pictured.id, plain.id]);
  });

  test('editing replaces the media; a dropped one keeps its files while a version shows it', async () => {
    const ann = await f.account();
    const [a, b] = [await ready(ann.id, await image('jpeg')), await ready(ann.id, await image('png'))];
    const status = await s.statuses.create({ actorId: ann.id, text: 'two', mediaIds: [a.id, b.id] });
    const edited = await s.statuses.edit({
      actorId: ann.id,
      statusId: status.id,
      text: '',
      mediaIds: [b.id],
    });
    assert.deepEqual(
      edited.media!.map((m) => m.id),
      [b.id],
    );
    await assert.rejects(s.media.get({ actorId: ann.id, mediaId: a.id }), (e) =>
      isDomainError(e, 'not_found'),
    );
    // The original version (edit history, migration 0017) still shows it: its files stay.
    await s.media.deleteReleasedFiles();
    assert.ok(existsSync(stored(a.fileKey!)) && existsSync(stored(a.previewKey!)), 'the history shows it');
    const history = await s.statuses.history({ statusId: status.id });
    assert.deepEqual(
      history.versions.map((v) => v.media.map((m) => m.id)),
      [[a.id, b.id], [b.id]],
    );
    // Without media, blank text is refused again.
    const error = await refusal(
      s.statuses.edit({ actorId: ann.id, statusId: status.id, text: '', mediaIds: [] }),
    );
    assert.equal(error.fields.text, "Text can't be blank.");
    // Its files go with the status (and its versions).
    await s.statuses.delete({ actorId: ann.id, statusId: status.id });
    await s.media.deleteReleasedFiles();
    for (const m of [a, b]) assert.ok(!existsSync(stored(m.fileKey!)) && !existsSync(stored(m.previewKey!)));
  });
});

describe('files go with what owns them', () => {
  const releasedJobs = async () =>
    Number(
      (
        await sql<{
          n: string;
        }>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'media-cleanup'`.execute(
          app.db,
        )
      ).rows[0]!.n,
    );

  test('deleting a status queues the cleanup in its transaction, which deletes its files', async () => {
    const ann = await f.account();
    const m = await ready(ann.id, await image('jpeg'));
    const status = await s.statuses.create({ actorId: ann.id, text: 'bye', mediaIds: [m.id] });
    await s.statuses.delete({ actorId: ann.id, statusId: status.id });
    assert.ok((await releasedJobs()) >= 1, 'a media-cleanup job is queued');
    assert.ok(existsSync(stored(m.fileKey!)));
    assert.ok((await s.media.deleteReleasedFiles()) >= 2);
    assert.ok(!existsSync(stored(m.fileKey!)) && !existsSync(stored(m.previewKey!)));
    assert.ok(!existsSync(path.dirname(stored(m.fileKey!))), 'its folder goes too');
  });

  test('deleting an account deletes its uploads, attachments and pictures', async () => {
    const ann = await f.account();
    const m = await ready(ann.id, await image('jpeg'));
    await s.statuses.create({ actorId: ann.id, text: 'mine', mediaIds: [m.id] });
    const loose = await ready(ann.id, await image('png'));
    await app.uow.accounts.delete(ann.id);
    await s.media.deleteReleasedFiles();
    for (const key of [m.fileKey!, m.previewKey!, loose.fileKey!]) assert.ok(!existsSync(stored(key)), key);
  });

  test('housekeeping purges uploads never posted after a day, and keeps the rest', async () => {
    const ann = await f.account();
    const old = await ready(ann.id, await image('jpeg'));
    const fresh = await ready(ann.id, await image('jpeg'));
    const posted = await ready(ann.id, await image('jpeg'));
    await s.statuses.create({ actorId: ann.id, text: 'posted', mediaIds: [posted.id] });
    await sql`UPDATE media_attachments SET created_at = now() - interval '25 hours'
      WHERE id IN (${old.id}, ${posted.id})`.execute(app.db);
    const purged = await s.housekeeping.purgeExpired();
    assert.ok(purged.unattachedMedia >= 1);
    assert.ok(
      !existsSync(stored(old.fileKey!)),
      'the purge released its files and housekeeping deleted them',
    );
    assert.ok(existsSync(stored(fresh.fileKey!)));
    assert.ok(existsSync(stored(posted.fileKey!)));
  });

  test('orphans (files no row knows, older than an hour) are found and removed; usage counts', async () => {
    const ann = await f.account();
    const kept = await ready(ann.id, await image('jpeg'));
    const storage = (await import('@microposts/runtime')).diskStorage(mediaDir);
    await storage.put(
      'attachments/0123456789abcdef0123456789abcdef/original.jpg',
      Buffer.from('orphan'),
      'image/jpeg',
    );
    await storage.put(
      'attachments/fedcba9876543210fedcba9876543210/original.jpg',
      Buffer.from('young'),
      'image/jpeg',
    );
    const later = new Date(Date.now() + 3600_000 + 60_000);
    // The second file is made "young" by asking from a time when only the first is old enough.
    const { utimes } = await import('node:fs/promises');
    await utimes(stored('attachments/fedcba9876543210fedcba9876543210/original.jpg'), later, later);
    const dry = await s.media.removeOrphans({ dryRun: true, now: later });
    assert.equal(dry.orphans, 1);
    assert.deepEqual(dry.examples, ['attachments/0123456789abcdef0123456789abcdef/original.jpg']);
    assert.ok(existsSync(stored(dry.examples[0]!)));
    const removed = await s.media.removeOrphans({ now: later });
    assert.equal(removed.orphans, 1);
    assert.ok(!existsSync(stored(dry.examples[0]!)));
    assert.ok(existsSync(stored(kept.fileKey!)));
    const usage = await s.media.usage();
    assert.ok(usage.unattached.count >= 1 && usage.stored.files >= 2 && usage.stored.bytes > 0);
  });
});

describe('profile pictures', () => {
  /** Runs updateProfile while playing the worker for the uploads it makes. */
  const withWorker = async <T>(work: Promise<T>): Promise<T> => {
    let settled = false;
    const result = work.finally(() => (settled = true));
    result.catch(() => {}); // awaited below; not unhandled while the loop runs
    while (!settled) {
      const { rows } = await sql<{ id: string }>`SELECT id::text AS id FROM media_attachments
        WHERE state = 'processing' AND purpose <> 'attachment'`.execute(app.db);
      for (const r of rows) await s.media.process({ mediaId: r.id, finalAttempt: false });
      await new Promise((resolve) => setImmediate(resolve));
    }
    return result;
  };

  test('an avatar is a 400 px square and a header 1500 × 500; a new one replaces the old; removing goes back to the default', async () => {
    const ann = await f.account();
    const updated = await withWorker(
      s.settings.updateProfile({
        actorId: ann.id,
        displayName: 'Ann',
        avatar: { bytes: await phoneJpeg(1200, 900) },
        header: { bytes: await image('png', 2000, 1000, true) },
      }),
    );
    assert.equal(updated.displayName, 'Ann');
    assert.match(updated.avatarKey!, /^avatars\/[0-9a-f]{32}\.jpg$/);
    assert.match(updated.headerKey!, /^headers\/[0-9a-f]{32}\.png$/);
    const avatarMeta = await sharp(stored(updated.avatarKey!)).metadata();
    assert.deepEqual([avatarMeta.width, avatarMeta.height, avatarMeta.exif], [400, 400, undefined]);
    const headerMeta = await sharp(stored(updated.headerKey!)).metadata();
    assert.deepEqual([headerMeta.width, headerMeta.height], [1500, 500]);

    const second = await withWorker(
      s.settings.updateProfile({ actorId: ann.id, avatar: { bytes: await image('jpeg') } }),
    );
    assert.notEqual(second.avatarKey, updated.avatarKey);
    assert.equal(second.headerKey, updated.headerKey);
    await s.media.deleteReleasedFiles();
    assert.ok(!existsSync(stored(updated.avatarKey!)), 'the old avatar is deleted');

    const removed = await s.settings.updateProfile({ actorId: ann.id, removeAvatar: true });
    assert.equal(removed.avatarKey, null);
    assert.equal(removed.headerKey, updated.headerKey);
  });

  test('a bad picture refuses the whole change: nothing saved, next to its field', async () => {
    const ann = await f.account();
    const before = await counts();
    const error = await refusal(
      s.settings.updateProfile({
        actorId: ann.id,
        displayName: 'Changed',
        avatar: { bytes: SVG_WITH_SCRIPT },
      }),
    );
    assert.match(error.fields.avatar!, /^SVG images are not supported/);
    assert.deepEqual(await counts(), before);
    const broken = await refusal(
      withWorker(
        s.settings.updateProfile({
          actorId: ann.id,
          displayName: 'Changed',
          header: { bytes: truncated(await image('png', 600, 400)) },
        }),
      ),
    );
    assert.match(broken.fields.header!, /damaged or incomplete/);
    const account = await s.accounts.getById(ann.id);
    assert.equal(account.displayName, '');
    assert.equal(account.headerKey, null);
  });
});
