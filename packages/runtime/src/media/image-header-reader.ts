// The header reader (core's ImageHeaderReader port) of the web process: an upload's format and size
// from its first bytes, without decoding it and without sharp, whose libvips would otherwise be
// loaded into every web process that receives an upload (issue 9). PNG, GIF and WebP headers are
// read by image-size (pure JavaScript, fixed offsets); JPEG and AVIF by walks of our own (see why in
// their files). Whatever cannot be read is "damaged", never an error of the server; the worker's
// full decode (sharp) still refuses what a header cannot show (a cut or corrupt body).
import { imageSize } from 'image-size';
import {
  ImageRejectedError,
  sniffImageFormat,
  type ImageHeader,
  type ImageHeaderReader,
} from '@microposts/core';
import { avifHeader } from './avif-header.ts';
import { jpegHeader } from './jpeg-header.ts';
import { DAMAGED, NOT_AN_IMAGE } from './rejections.ts';

/** The header reader on image-size and our JPEG and AVIF walks. */
export function imageHeaderReader(): ImageHeaderReader {
  return {
    read(bytes) {
      let header: ImageHeader | null;
      try {
        header = headerOf(bytes);
      } catch (error) {
        if (error instanceof ImageRejectedError) throw error;
        header = null; // image-size's TypeError or RangeError on a cut or malformed header
      }
      if (!header || !(header.width > 0 && header.height > 0)) throw new ImageRejectedError(DAMAGED);
      return header;
    },
  };
}

function headerOf(bytes: Buffer): ImageHeader | null {
  const format = sniffImageFormat(bytes);
  switch (format) {
    case 'jpeg': {
      const jpeg = jpegHeader(bytes);
      if (!jpeg) return null;
      // Width and height as shown (EXIF orientations 5-8 turn the image a quarter), as sharp gave them.
      const turned = jpeg.orientation >= 5;
      return { format, width: turned ? jpeg.height : jpeg.width, height: turned ? jpeg.width : jpeg.height };
    }
    case 'avif': {
      const avif = avifHeader(bytes);
      if (avif?.codec === 'other') throw new ImageRejectedError(NOT_AN_IMAGE); // HEVC under an AVIF brand
      return avif && { format, width: avif.width, height: avif.height };
    }
    case 'png':
    case 'gif':
    case 'webp': {
      // A WebP's header ends at byte 30; image-size reads a shorter one as 1 × 1 instead of failing.
      if (format === 'webp' && bytes.length < 30) return null;
      // image-size reads through a DataView from the Buffer's offset to the end of the memory under
      // it, past the Buffer's own end (an upload is often a slice of a larger one): it gets a copy of
      // the first bytes, where these formats keep their header (PNG's IHDR ends at byte 33, or 40).
      const size = imageSize(new Uint8Array(bytes.subarray(0, 64)));
      return size.type === format ? { format, width: size.width, height: size.height } : null;
    }
    default:
      throw new ImageRejectedError(NOT_AN_IMAGE);
  }
}
