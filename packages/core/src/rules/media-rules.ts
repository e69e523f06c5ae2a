// Media rules: which files are images we take (by their bytes), the limits, and the focal point.
import type { ImageFormat } from '../types/media.ts';

/** Images per status (Mastodon's limit too). */
export const MAX_MEDIA_ATTACHMENTS = 4;
/** Bytes of one upload (Mastodon's image_size_limit). */
export const IMAGE_SIZE_LIMIT = 16 * 1024 * 1024;
/** Pixels of one upload, width × height (Mastodon's image_matrix_limit, 7680 × 4320): decompression bombs stop here. */
export const IMAGE_MATRIX_LIMIT = 33_177_600;
/** Characters of alt text (Mastodon's description_limit). */
export const MEDIA_DESCRIPTION_MAX = 1500;

/** The longest side of a stored original and of its preview, in pixels. */
export const ORIGINAL_MAX_SIDE = 1920;
export const PREVIEW_MAX_SIDE = 640;
/** Avatars are square; headers are cropped to 3:1. */
export const AVATAR_SIDE = 400;
export const HEADER_SIZE = { width: 1500, height: 500 } as const;

/** The MIME type of each format we take, as the instance document advertises them. */
export const IMAGE_MIME_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

export const SUPPORTED_FORMATS_TEXT = 'JPEG, PNG, GIF, WebP or AVIF';

/** What the first bytes of a file say it is: one of our formats, a format we refuse by name, or unknown. */
export type SniffedFormat = ImageFormat | 'heic' | 'svg' | null;

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

/** The format of a file from its magic numbers: the bytes decide, never the name or the claimed type. */
export function sniffImageFormat(bytes: Uint8Array): SniffedFormat {
  if (startsWith(bytes, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  const head = ascii(bytes, 0, 12);
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
  // ISO base media (HEIF family): a `ftyp` box whose major and compatible brands name the codec.
  if (head.slice(4, 8) === 'ftyp') {
    const size = Math.min(new DataView(bytes.buffer, bytes.byteOffset).getUint32(0), 256);
    const brands = [ascii(bytes, 8, 12)];
    for (let at = 16; at + 4 <= size && at + 4 <= bytes.length; at += 4)
      brands.push(ascii(bytes, at, at + 4));
    if (brands.some((b) => b === 'avif' || b === 'avis')) return 'avif';
    if (brands.some((b) => ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(b)))
      return 'heic';
    return null;
  }
  // SVG (XML) is text: refused by name, because it can carry script.
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return 'svg';
  if (text.startsWith('<!doctype svg') || (text.startsWith('<') && text.includes('<svg'))) return 'svg';
  return null;
}

/** Why an upload's bytes are refused before any decoding, or undefined when they may be an image we take. */
export function uploadFormatError(format: SniffedFormat, bytes: number): string | undefined {
  if (bytes === 0) return 'File is empty.';
  if (format === 'svg') return `SVG images are not supported: upload a ${SUPPORTED_FORMATS_TEXT} image.`;
  if (format === 'heic')
    return `HEIC images are not supported: upload a ${SUPPORTED_FORMATS_TEXT} image (phones can share photos as JPEG).`;
  if (format === null) return `File is not a supported image (${SUPPORTED_FORMATS_TEXT}).`;
  return undefined;
}

/** The message for an image with too many pixels, or undefined. */
export function imageMatrixError(width: number, height: number): string | undefined {
  return width * height > IMAGE_MATRIX_LIMIT
    ? `Image is too large (${width} × ${height} pixels; at most ${IMAGE_MATRIX_LIMIT.toLocaleString('en')} pixels).`
    : undefined;
}

/** The message for a file over the size limit. */
export function fileTooLargeMessage(): string {
  return `File is too large (at most ${IMAGE_SIZE_LIMIT / 1024 / 1024} MB).`;
}

/** Parses Mastodon's focus, "x,y" with each from -1.0 to 1.0; null when it is not that. */
export function parseFocus(value: string): { x: number; y: number } | null {
  const parts = value.split(',');
  if (parts.length !== 2) return null;
  const [x, y] = parts.map((p) => (/^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/.test(p) ? Number(p) : NaN)) as [
    number,
    number,
  ];
  if (!(Math.abs(x) <= 1 && Math.abs(y) <= 1)) return null;
  return { x, y };
}

export const FOCUS_ERROR =
  'Focus must be two numbers from -1 to 1, separated by a comma (such as 0.5,-0.25).';

/** The message for alt text, or undefined when it is fine. */
export function descriptionError(description: string): string | undefined {
  if (description.includes('\0')) return 'Description contains a character that is not allowed (NUL).';
  const length = [...description].length;
  return length > MEDIA_DESCRIPTION_MAX
    ? `Description is too long (${length} characters; the maximum is ${MEDIA_DESCRIPTION_MAX}).`
    : undefined;
}

/** How long an answer that waits for the worker (website forms, POST /api/v1/media) waits at most. */
export const PROCESSING_WAIT_MS = 20_000;
