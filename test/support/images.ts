// Image files for media tests, made with sharp on the spot (no binary fixtures in the repository):
// photos with EXIF GPS tags and an orientation, every format we take, and the bad files of issue 12.
import sharp from 'sharp';

export { bombPng } from './png.ts';

/** Where the test photos say they were taken (EXIF GPS): the stored files must not say it. */
export const GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '51/1 30/1 2/1',
  GPSLongitudeRef: 'W',
  GPSLongitude: '0/1 7/1 39/1',
};

/**
 * A JPEG photo as a phone makes it: EXIF with the camera, a GPS position and orientation 6 (the
 * pixels are stored turned: shown, the image is `height` wide and `width` high).
 */
export async function phoneJpeg(width = 1200, height = 800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a7bd5' } })
    .composite([
      {
        input: await sharp({
          create: { width: width / 4, height: height / 4, channels: 3, background: '#ffcc00' },
        })
          .png()
          .toBuffer(),
        top: 0,
        left: 0,
      },
    ])
    .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'Phone 9', Artist: 'Ann' }, IFD3: GPS })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A plain image of a format. */
export async function image(
  format: 'jpeg' | 'png' | 'gif' | 'webp' | 'avif',
  width = 320,
  height = 200,
  alpha = false,
): Promise<Buffer> {
  const base = sharp({
    create: {
      width,
      height,
      channels: alpha ? 4 : 3,
      background: alpha ? { r: 200, g: 30, b: 90, alpha: 0.5 } : '#c81e5a',
    },
  });
  return base.toFormat(format).toBuffer();
}

/**
 * A real decompression bomb: a small PNG of one colour that decodes to more pixels than the limit
 * (40 megapixels, about 130 KB on disk).
 */
export async function realBomb(): Promise<Buffer> {
  return sharp({ create: { width: 8000, height: 5000, channels: 3, background: '#000' } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** The first part of a file, as a broken upload leaves it. */
export function truncated(file: Buffer, keep = 0.5): Buffer {
  return file.subarray(0, Math.floor(file.length * keep));
}

/** An SVG with a script in it. */
export const SVG_WITH_SCRIPT = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">' +
    '<script>alert(document.cookie)</script><rect width="100" height="100" fill="red"/></svg>',
);

/** A HEIC file's first bytes (its ftyp box): our image library cannot decode HEVC. */
export const HEIC_HEADER = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
  Buffer.alloc(64, 1),
]);

/** Not an image at all. */
export const NOT_AN_IMAGE = Buffer.from('%PDF-1.4\nThis is a document, not a picture.\n');
