// The image processor (core's ImageProcessor port) of the worker, on sharp (libvips, prebuilt from
// npm) and blurhash; web processes check uploads with the header reader and never load it. Every
// upload is decoded from its bytes only (never by name or claimed type), within a pixel limit
// (decompression bombs stop before decoding), a time limit per pipeline and a bound on pipelines at
// once per process (memory); the output is re-encoded from raw pixels, so no metadata
// of the upload (EXIF with its GPS position, XMP, IPTC, ICC, comments) can reach a stored file.
import type { default as SharpFunction, Metadata, OutputInfo, Sharp } from 'sharp';
import { encode } from 'blurhash';
import {
  AVATAR_SIDE,
  HEADER_SIZE,
  IMAGE_MATRIX_LIMIT,
  ImageRejectedError,
  ORIGINAL_MAX_SIDE,
  PREVIEW_MAX_SIDE,
  type ImageFile,
  type ImageFormat,
  type ImageProcessor,
  type MediaPurpose,
  type ProcessedImage,
} from '@microposts/core';
import { DAMAGED, NOT_AN_IMAGE } from './rejections.ts';

export interface ImageProcessorOptions {
  /** Pipelines at once in this process; each holds at most one bounded image in memory. */
  concurrency?: number;
  /** Seconds one pipeline may take before libvips stops it. */
  timeoutSeconds?: number;
}

// sharp (and libvips with it, about 20 MiB of a process's memory) is loaded on the first image, so
// that a process that builds this processor without processing (web, CLI) never loads it. libvips'
// operation cache keeps decoded images for reuse, which a server processing each upload once never
// gets: it would only hold memory.
let sharp: typeof SharpFunction;
let loading: Promise<void> | undefined;
const loadSharp = () =>
  (loading ??= import('sharp').then((m) => {
    sharp = m.default;
    sharp.cache(false);
  }));

const TOO_SLOW = 'The image took too long to process.';

/** A small semaphore: at most `n` holders at once, the others wait in order. */
function limiter(n: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

// libvips' messages, in words for people; anything unknown is "damaged".
function rejection(error: unknown): ImageRejectedError {
  const message = error instanceof Error ? error.message : String(error);
  if (/unsupported image format/i.test(message)) return new ImageRejectedError(NOT_AN_IMAGE);
  if (/pixel limit/i.test(message)) return new ImageRejectedError('Image is too large (too many pixels).');
  if (/timeout/i.test(message)) return new ImageRejectedError(TOO_SLOW);
  return new ImageRejectedError(DAMAGED);
}

function formatOf(meta: Metadata): ImageFormat | null {
  switch (meta.format) {
    case 'jpeg':
    case 'png':
    case 'gif':
    case 'webp':
      return meta.format;
    case 'heif':
      // The prebuilt libvips decodes AV1 (AVIF); HEVC (HEIC) it cannot.
      return meta.compression === 'av1' ? 'avif' : null;
    default:
      return null;
  }
}

/** The image processor on sharp. */
export function sharpImageProcessor(options: ImageProcessorOptions = {}): ImageProcessor {
  const run = limiter(options.concurrency ?? 2);
  const timeout = { seconds: options.timeoutSeconds ?? 30 };
  // The first frame only (animated GIF and WebP become a still image), failing on truncation.
  const open = (bytes: Buffer): Sharp =>
    sharp(bytes, { limitInputPixels: IMAGE_MATRIX_LIMIT, failOn: 'truncated', pages: 1, page: 0 }).timeout(
      timeout,
    );

  const encodeFile = async (pipeline: Sharp, alpha: boolean): Promise<ImageFile> => {
    const out = alpha
      ? pipeline.png({ compressionLevel: 9, adaptiveFiltering: true })
      : pipeline.jpeg({ quality: 85, progressive: true, mozjpeg: true });
    const { data, info } = await out.toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      width: info.width,
      height: info.height,
      contentType: alpha ? 'image/png' : 'image/jpeg',
      extension: alpha ? 'png' : 'jpg',
    };
  };

  return {
    async process(bytes, purpose) {
      await loadSharp();
      return run(async () => {
        try {
          const meta = await sharp(bytes, { limitInputPixels: IMAGE_MATRIX_LIMIT }).metadata();
          if (!formatOf(meta)) throw new ImageRejectedError(NOT_AN_IMAGE);
          // Decode once, oriented and bounded, to raw pixels: every file is made from these.
          const sized = sizeFor(open(bytes).autoOrient().toColourspace('srgb'), purpose);
          const decoded = await (meta.hasAlpha ? sized.ensureAlpha() : sized.removeAlpha())
            .raw()
            .toBuffer({ resolveWithObject: true });
          // Transparency is kept (PNG) only where a pixel uses it; opaque images become JPEG.
          const alpha = decoded.info.channels === 4 && !opaque(decoded.data);
          const { data, info } = alpha || decoded.info.channels === 3 ? decoded : await dropAlpha(decoded);
          const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
          const original = await encodeFile(sharp(data, raw).timeout(timeout), alpha);
          const preview =
            purpose === 'attachment'
              ? await encodeFile(
                  sharp(data, raw)
                    .resize({
                      width: PREVIEW_MAX_SIDE,
                      height: PREVIEW_MAX_SIDE,
                      fit: 'inside',
                      withoutEnlargement: true,
                    })
                    .timeout(timeout),
                  alpha,
                )
              : null;
          return { original, preview, blurhash: await blurhashOf(data, raw.raw) } satisfies ProcessedImage;
        } catch (error) {
          if (error instanceof ImageRejectedError) throw error;
          throw rejection(error);
        }
      });
    },
  };
}

/** True when every pixel of RGBA data is fully opaque. */
function opaque(rgba: Buffer): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
}

async function dropAlpha(decoded: { data: Buffer; info: OutputInfo }) {
  const { width, height, channels } = decoded.info;
  return sharp(decoded.data, { raw: { width, height, channels } })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
}

function sizeFor(pipeline: Sharp, purpose: MediaPurpose): Sharp {
  if (purpose === 'avatar')
    return pipeline.resize({ width: AVATAR_SIDE, height: AVATAR_SIDE, fit: 'cover', position: 'centre' });
  if (purpose === 'header') return pipeline.resize({ ...HEADER_SIZE, fit: 'cover', position: 'centre' });
  return pipeline.resize({
    width: ORIGINAL_MAX_SIDE,
    height: ORIGINAL_MAX_SIDE,
    fit: 'inside',
    withoutEnlargement: true,
  });
}

// A blurhash of 4×3 components (Mastodon's), computed on a 32-pixel thumbnail: enough for a blur.
async function blurhashOf(data: Buffer, raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 }) {
  const { data: small, info } = await sharp(data, { raw })
    .resize({ width: 32, height: 32, fit: 'inside' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return encode(
    new Uint8ClampedArray(small.buffer, small.byteOffset, small.length),
    info.width,
    info.height,
    4,
    3,
  );
}
