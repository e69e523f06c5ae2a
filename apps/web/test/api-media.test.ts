// Media through the client API end to end: the web application (in this process, every answer
// checked against /api/openapi.json), a real worker process processing the uploads, masto.js
// uploading and posting, the files served with long cache headers and no EXIF; every bad file gets
// Mastodon's status and {"error"}, with nothing written; only the uploader sees an upload; and a
// second web process (with its read cache) shows a changed description at once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRestAPIClient } from 'masto';
import sharp from 'sharp';
import { startApiServer } from '../../../test/support/api-server.ts';
import { apiFetch } from '../../../test/support/api-fetch.ts';
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
import { startWeb, startWorker } from '../../../test/support/processes.ts';
import { sqlClient } from '../../../test/support/sql.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { waitFor } from '../../../test/support/wait.ts';

const DATA_DIR = tempDir('microposts-media-api-');
const server = await startApiServer({ DATA_DIR });
startWorker(server.app.databaseUrl, { DATA_DIR });
const sql = sqlClient(server.app.databaseUrl);
const f = fixtures(server.app);
const [ann, bob] = [await f.account(), await f.account()];
const [annToken, bobToken] = [(await f.token(ann)).token, (await f.token(bob)).token];

interface Media {
  id: string;
  type: string;
  url: string | null;
  preview_url: string | null;
  meta: {
    original?: { width: number; height: number; size: string; aspect: number };
    small?: { width: number };
    focus: { x: number; y: number };
  };
  description: string | null;
  blurhash: string | null;
}

/** A multipart upload with a real file part (and the claimed type and name). */
async function uploadFile(
  path: string,
  bytes: Buffer,
  options: {
    token?: string;
    type?: string;
    name?: string;
    fields?: Record<string, string>;
    field?: string;
    method?: string;
  } = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(options.fields ?? {})) form.append(k, v);
  form.append(
    options.field ?? 'file',
    new Blob([new Uint8Array(bytes)], { type: options.type ?? 'image/jpeg' }),
    options.name ?? 'photo.jpg',
  );
  const response = await fetch(server.url + path, {
    method: options.method ?? 'POST',
    headers: { authorization: `Bearer ${options.token ?? annToken}` },
    body: form,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as Media & { error?: string },
  };
}
const processed = (id: string, token = annToken) =>
  waitFor(async () => {
    const r = await apiFetch<Media & { error?: string }>(server.url, 'GET', `/api/v1/media/${id}`, { token });
    return r.status === 206 ? null : r;
  }, `media ${id} to be processed`);
// What a refused upload must not leave: a row, or a job for a row that is not there. (The worker
// finishes earlier uploads' jobs meanwhile, so jobs are not simply counted.)
const counts = async () => ({
  media: await sql.count('SELECT count(*) FROM media_attachments'),
  strayJobs:
    await sql.count(`SELECT count(*) FROM graphile_worker.jobs j WHERE task_identifier = 'process-media'
    AND NOT EXISTS (SELECT 1 FROM media_attachments m WHERE j.key = 'process-media:' || m.id)`),
});

describe('uploading', () => {
  test('masto.js uploads (polling until processed) and posts a status with the image', async () => {
    const masto = createRestAPIClient({ url: server.url, accessToken: annToken });
    const media = await masto.v2.media.create({
      file: new Blob([new Uint8Array(await phoneJpeg(1600, 1200))], { type: 'image/jpeg' }),
      description: 'A blue photo',
      focus: '0.1,0.2',
    });
    assert.equal(media.type, 'image');
    assert.ok(media.url && media.previewUrl);
    assert.equal(media.description, 'A blue photo');
    assert.deepEqual(media.meta?.focus, { x: 0.1, y: 0.2 });
    assert.deepEqual([media.meta?.original?.width, media.meta?.original?.height], [1200, 1600]);
    const status = await masto.v1.statuses.create({ status: '', mediaIds: [media.id], sensitive: true });
    assert.equal(status.content, '');
    assert.equal(status.sensitive, true);
    assert.equal(status.mediaAttachments.length, 1);
    assert.equal(status.mediaAttachments[0]!.id, media.id);
    assert.equal(status.mediaAttachments[0]!.url, media.url);

    // The file: served by the web process, cached for a year, no EXIF (no GPS).
    const file = await fetch(media.url!);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/jpeg');
    assert.match(file.headers.get('cache-control')!, /max-age=31536000.*immutable/);
    const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
    assert.equal(meta.exif, undefined);
    assert.deepEqual([meta.width, meta.height], [1200, 1600]);

    const timeline = await masto.v1.accounts.$select(ann.id).statuses.list({ onlyMedia: true });
    assert.deepEqual(
      timeline.map((s) => s.id),
      [status.id],
    );
  });

  test('v2 answers 202 with url null; GET answers 206 while processing, then 200; PUT changes alt text and focus', async () => {
    const up = await uploadFile('/api/v2/media', await image('png', 800, 600), {
      fields: { description: 'first' },
    });
    assert.equal(up.status, 202);
    assert.equal(up.body.url, null);
    assert.equal(up.body.preview_url, null);
    assert.equal(up.body.description, 'first');
    const done = await processed(up.body.id);
    assert.equal(done.status, 200);
    assert.match(done.body.url!, /\/media\/attachments\/[0-9a-f]{32}\/original\.jpg$/);
    assert.equal(done.body.meta.original?.size, '800x600');
    assert.equal(done.body.meta.small?.width, 640);
    const put = await apiFetch<Media>(server.url, 'PUT', `/api/v1/media/${up.body.id}`, {
      token: annToken,
      json: { description: 'second', focus: '-0.5,0.5' },
    });
    assert.equal(put.status, 200);
    assert.equal(put.body.description, 'second');
    assert.deepEqual(put.body.meta.focus, { x: -0.5, y: 0.5 });
  });

  test('v1 waits for the worker and answers 200 with the url', async () => {
    const up = await uploadFile('/api/v1/media', await image('webp'));
    assert.equal(up.status, 200);
    assert.ok(up.body.url);
  });

  test('only the uploader sees, changes or deletes an upload (404 for anyone else)', async () => {
    const up = await uploadFile('/api/v2/media', await image('jpeg'));
    await processed(up.body.id);
    for (const [method, json] of [
      ['GET', undefined],
      ['PUT', { description: 'mine' }],
      ['DELETE', undefined],
    ] as const) {
      const r = await apiFetch(server.url, method, `/api/v1/media/${up.body.id}`, { token: bobToken, json });
      assert.equal(r.status, 404, method);
      assert.deepEqual(r.body, { error: 'Record not found' });
    }
    const bobsStatus = await apiFetch(server.url, 'POST', '/api/v1/statuses', {
      token: bobToken,
      json: { status: 'stolen', media_ids: [up.body.id] },
    });
    assert.equal(bobsStatus.status, 422);
    assert.deepEqual(bobsStatus.body, { error: `Validation failed: Media ${up.body.id} was not found.` });
    const unauthenticated = await apiFetch(server.url, 'GET', `/api/v1/media/${up.body.id}`);
    assert.equal(unauthenticated.status, 401);
    assert.equal(
      (await apiFetch(server.url, 'GET', `/api/v1/media/${up.body.id}`, { token: annToken })).status,
      200,
    );
    assert.equal(
      (await apiFetch(server.url, 'DELETE', `/api/v1/media/${up.body.id}`, { token: annToken })).status,
      200,
    );
    assert.equal(
      (await apiFetch(server.url, 'GET', `/api/v1/media/${up.body.id}`, { token: annToken })).status,
      404,
    );
  });

  test('a status refuses uploads still processing, with Mastodon’s words', async () => {
    await sql.rows(`SELECT 1`);
    const up = await uploadFile('/api/v2/media', await phoneJpeg(3000, 2000));
    const r = await apiFetch(server.url, 'POST', '/api/v1/statuses', {
      token: annToken,
      json: { status: 'too soon', media_ids: [up.body.id] },
    });
    // The worker may already be done on a quiet machine: then it posts.
    if (r.status === 422)
      assert.deepEqual(r.body, {
        error:
          'Validation failed: Cannot attach files that have not finished processing. Try again in a moment!',
      });
    else assert.equal(r.status, 200);
  });
});

describe('bad files get a clear error and nothing is written', () => {
  const cases: Array<[string, () => Promise<Buffer> | Buffer, string, number, RegExp]> = [
    [
      'not an image',
      () => NOT_AN_IMAGE,
      'application/pdf',
      422,
      /^Validation failed: File is not a supported image \(JPEG, PNG, GIF, WebP or AVIF\)\.$/,
    ],
    [
      'an SVG with script',
      () => SVG_WITH_SCRIPT,
      'image/svg+xml',
      422,
      /^Validation failed: SVG images are not supported/,
    ],
    [
      'an SVG claiming to be a PNG',
      () => SVG_WITH_SCRIPT,
      'image/png',
      422,
      /^Validation failed: SVG images are not supported/,
    ],
    [
      'a HEIC photo',
      () => HEIC_HEADER,
      'image/heic',
      422,
      /^Validation failed: HEIC images are not supported/,
    ],
    [
      'a decompression bomb',
      () => bombPng(),
      'image/png',
      422,
      /^Validation failed: Image is too large \(50000 × 50000 pixels/,
    ],
    [
      'a 50 MB upload',
      async () => Buffer.concat([await image('jpeg'), Buffer.alloc(50 * 1024 * 1024)]),
      'image/jpeg',
      413,
      /^File is too large \(at most 16 MB\)\.$/,
    ],
  ];
  for (const [what, make, type, status, message] of cases) {
    test(what, async () => {
      const before = await counts();
      const r = await uploadFile('/api/v2/media', await make(), { type });
      assert.equal(r.status, status);
      assert.match(r.body.error!, message);
      assert.deepEqual(Object.keys(r.body), ['error']);
      assert.deepEqual(await counts(), before);
    });
  }

  test('a wrong MIME type with a real image inside is taken (the bytes decide)', async () => {
    const r = await uploadFile('/api/v2/media', await image('png'), {
      type: 'application/octet-stream',
      name: 'x.bin',
    });
    assert.equal(r.status, 202);
    assert.equal((await processed(r.body.id)).status, 200);
  });

  test('a truncated file is taken, then refused by the worker: GET answers 422 with the reason; the worker lives on', async () => {
    const r = await uploadFile('/api/v2/media', truncated(await phoneJpeg(900, 700)));
    assert.equal(r.status, 202);
    const done = await processed(r.body.id);
    assert.equal(done.status, 422);
    assert.deepEqual(done.body, {
      error: 'Validation failed: The image is damaged or incomplete (truncated); it could not be read.',
    });
    // Still processing others.
    const next = await uploadFile('/api/v2/media', await image('jpeg'));
    assert.equal((await processed(next.body.id)).status, 200);
  });

  test('no file, a bad focus, too long a description', async () => {
    const before = await counts();
    const none = await apiFetch(server.url, 'POST', '/api/v2/media', {
      token: annToken,
      multipart: [['description', 'x']],
    });
    assert.equal(none.status, 422);
    assert.deepEqual(none.body, { error: 'Validation failed: Choose a file to upload.' });
    const focus = await uploadFile('/api/v2/media', await image('jpeg'), { fields: { focus: 'left' } });
    assert.equal(focus.status, 422);
    assert.match(focus.body.error!, /^Validation failed: Focus must be two numbers from -1 to 1/);
    const long = await uploadFile('/api/v2/media', await image('jpeg'), {
      fields: { description: 'x'.repeat(1501) },
    });
    assert.equal(long.status, 422);
    assert.deepEqual(await counts(), before);
  });
});

describe('profiles and the instance', () => {
  test('update_credentials takes an avatar and a header (multipart); the defaults stay for others', async () => {
    const r = await uploadFile('/api/v1/accounts/update_credentials', await phoneJpeg(900, 600), {
      method: 'PATCH',
      field: 'avatar',
      fields: { display_name: 'Ann A.' },
    });
    assert.equal(r.status, 200);
    const me = r.body as unknown as {
      avatar: string;
      avatar_static: string;
      header: string;
      display_name: string;
    };
    assert.equal(me.display_name, 'Ann A.');
    assert.match(me.avatar, /\/media\/avatars\/[0-9a-f]{32}\.jpg$/);
    assert.equal(me.avatar_static, me.avatar);
    assert.equal(me.header, `${server.url}/assets/header.png`);
    const picture = await sharp(Buffer.from(await (await fetch(me.avatar)).arrayBuffer())).metadata();
    assert.deepEqual([picture.width, picture.height, picture.exif], [400, 400, undefined]);
    const bobs = (await apiFetch<{ avatar: string }>(server.url, 'GET', `/api/v1/accounts/${bob.id}`)).body;
    assert.equal(bobs.avatar, `${server.url}/assets/avatar.png`);

    const bad = await uploadFile('/api/v1/accounts/update_credentials', SVG_WITH_SCRIPT, {
      method: 'PATCH',
      field: 'header',
      type: 'image/svg+xml',
      fields: { display_name: 'Not saved' },
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body.error!, /^Validation failed: SVG images are not supported/);
    const removed = await apiFetch<{ avatar: string; display_name: string }>(
      server.url,
      'DELETE',
      '/api/v1/profile/avatar',
      {
        token: annToken,
      },
    );
    assert.equal(removed.body.display_name, 'Ann A.');
    assert.equal(removed.body.avatar, `${server.url}/assets/avatar.png`);
  });

  test('the instance advertises the real limits', async () => {
    const v2 = (
      await apiFetch<{ configuration: Record<string, Record<string, unknown>> }>(
        server.url,
        'GET',
        '/api/v2/instance',
      )
    ).body;
    assert.equal(v2.configuration.statuses!.max_media_attachments, 4);
    assert.deepEqual(v2.configuration.media_attachments!.supported_mime_types, [
      'image/jpeg',
      'image/png',
      'image/gif',
      'image/webp',
      'image/avif',
    ]);
    assert.equal(v2.configuration.media_attachments!.image_size_limit, 16 * 1024 * 1024);
    assert.equal(v2.configuration.media_attachments!.image_matrix_limit, 33_177_600);
    assert.equal(v2.configuration.media_attachments!.description_limit, 1500);
  });
});

describe('the read cache', () => {
  test('a web process with its cache shows a changed description and deleted media at once', async () => {
    const web = await startWeb(server.app.databaseUrl, { DATA_DIR });
    const up = await uploadFile('/api/v2/media', await image('jpeg'), { fields: { description: 'before' } });
    const url = (await processed(up.body.id)).body.url!;
    const posted = await apiFetch<{ id: string }>(server.url, 'POST', '/api/v1/statuses', {
      token: annToken,
      json: { status: 'cached', media_ids: [up.body.id] },
    });
    const shown = async () =>
      (await apiFetch<{ media_attachments: Media[] }>(web.url, 'GET', `/api/v1/statuses/${posted.body.id}`))
        .body.media_attachments;
    assert.equal((await shown())[0]!.description, 'before'); // now cached there
    await apiFetch(server.url, 'PUT', `/api/v1/media/${up.body.id}`, {
      token: annToken,
      json: { description: 'after' },
    });
    await waitFor(
      async () => (await shown())[0]?.description === 'after',
      'the other process to show the new description',
    );
    await apiFetch(server.url, 'PUT', `/api/v1/statuses/${posted.body.id}`, {
      token: annToken,
      json: { status: 'no more pictures', media_ids: [] },
    });
    await waitFor(async () => (await shown()).length === 0, 'the other process to drop the media');
    // The page no longer shows the image either.
    const page = await (await fetch(`${web.url}/@${ann.username}/${posted.body.id}`)).text();
    assert.ok(page.includes('no more pictures'));
    assert.ok(!page.includes(new URL(url).pathname));
  });

  test('media attached while still processing show on a web process with its cache once the worker is done', async () => {
    const web = await startWeb(server.app.databaseUrl, { DATA_DIR });
    const posted = await apiFetch<{ id: string }>(server.url, 'POST', '/api/v1/statuses', {
      token: annToken,
      json: { status: 'pictures to come' },
    });
    const shown = async () =>
      (await apiFetch<{ media_attachments: Media[] }>(web.url, 'GET', `/api/v1/statuses/${posted.body.id}`))
        .body.media_attachments;
    assert.deepEqual(await shown(), []); // the card is cached there, without media
    // Attached as the website attaches an upload still processing (a large image, so the worker is
    // most likely still at it): the card read meanwhile has no media and is cached again.
    const up = await uploadFile('/api/v2/media', await phoneJpeg(4000, 3000));
    const attached = await sql.count(
      `WITH a AS (UPDATE media_attachments SET status_id = $1 WHERE id = $2 AND state = 'processing' RETURNING 1)
       SELECT count(*) FROM a`,
      [posted.body.id, up.body.id],
    );
    if (attached === 0)
      await sql.rows('UPDATE media_attachments SET status_id = $1 WHERE id = $2', [
        posted.body.id,
        up.body.id,
      ]);
    await shown();
    // The worker's processing announces the status (s:<id>), so the cached card gives way.
    await waitFor(async () => (await shown()).length === 1, 'the other process to show the processed image');
    assert.ok((await shown())[0]!.url);
  });
});

test('every answer above matches the OpenAPI document', async () => {
  assert.deepEqual(await server.openApiProblems(), []);
});
