// Upload → processed for `npm run bench`: photo-sized JPEGs (with EXIF, as a phone's) are uploaded
// through `POST /api/v2/media` a few at a time while one worker runs; each is polled with
// `GET /api/v1/media/:id` until it answers 200 (processed: metadata stripped, oriented, bounded,
// re-encoded, preview and blurhash made). Latency = upload sent → first 200, as an app sees it.
import sharp from 'sharp';
import { startNode, type Running } from './processes.ts';

export interface MediaOptions {
  base: string;
  token: string;
  uploads: number;
  /** Uploads in flight at once. */
  concurrency: number;
  workerFile: string;
  workerEnv: NodeJS.ProcessEnv;
}

export interface MediaResult {
  uploads: number;
  processed: number;
  /** Size of each uploaded file, KiB. */
  fileKiB: number;
  p50: number;
  p95: number;
  max: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** A 3000×2000 photo-like JPEG (noise over a gradient, so it compresses as a photo does) with EXIF. */
async function photo(): Promise<Buffer> {
  const width = 3000;
  const height = 2000;
  const noise = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .jpeg()
    .toBuffer();
  return sharp(noise)
    .withExif({ IFD0: { Make: 'bench', Model: 'camera' } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

export async function measureMedia(o: MediaOptions): Promise<MediaResult> {
  const file = await photo();
  const worker: Running = await startNode('worker', o.workerFile, o.workerEnv);
  const latencies: number[] = [];
  const auth = { authorization: `Bearer ${o.token}` };
  let next = 0;
  const one = async () => {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(file)], { type: 'image/jpeg' }), 'photo.jpg');
    form.set('description', 'a benchmark photo');
    const sent = performance.now();
    const res = await fetch(`${o.base}/api/v2/media`, { method: 'POST', headers: auth, body: form });
    const body = (await res.json()) as { id?: string; error?: string };
    if (!body.id) throw new Error(`upload answered ${res.status}: ${JSON.stringify(body)}`);
    const deadline = sent + 120_000;
    for (;;) {
      const got = await fetch(`${o.base}/api/v1/media/${body.id}`, { headers: auth });
      await got.arrayBuffer();
      if (got.status === 200) break;
      if (got.status !== 206) throw new Error(`media ${body.id} answered ${got.status}`);
      if (performance.now() > deadline) throw new Error(`media ${body.id} not processed within 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    latencies.push(performance.now() - sent);
  };
  try {
    await Promise.all(
      Array.from({ length: o.concurrency }, async () => {
        while (next < o.uploads) {
          next++;
          await one();
        }
      }),
    );
  } finally {
    await worker.stop();
  }
  latencies.sort((a, b) => a - b);
  return {
    uploads: o.uploads,
    processed: latencies.length,
    fileKiB: Math.round(file.length / 1024),
    p50: pct(latencies, 0.5),
    p95: pct(latencies, 0.95),
    max: latencies[latencies.length - 1] ?? NaN,
  };
}
