// A JPEG's size and EXIF orientation from its markers, written by hand because image-size's walk
// steps one byte at a time (with a new DataView per step) over bytes that are no marker: a crafted
// 16 MB upload held the web process's event loop for 3.5 s. This walk jumps from segment to segment
// and stops at the first byte out of place, as libjpeg does (sharp calls such a file damaged); it
// also knows every frame type libjpeg-turbo decodes (image-size only the first three).

/** Width, height and EXIF orientation (1 when none) of a JPEG, or null when its markers are broken. */
export function jpegHeader(b: Buffer): { width: number; height: number; orientation: number } | null {
  let orientation = 1;
  let at = 2; // after SOI
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    at += 2;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xda) return null; // no frame before the data
    const length = b.readUInt16BE(at);
    if (length < 2 || at + length > b.length) return null;
    if (isFrameHeader(marker)) {
      if (length < 7) return null;
      return { height: b.readUInt16BE(at + 3), width: b.readUInt16BE(at + 5), orientation };
    }
    if (marker === 0xe1 && orientation === 1) orientation = exifOrientation(b.subarray(at + 2, at + length));
    at += length;
  }
  return null;
}

// SOF0-SOF15 but DHT (C4), JPG (C8) and DAC (CC), which share the range.
const isFrameHeader = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** Tag 0x0112 of IFD0 of an APP1 `Exif` segment, as libexif reads it; 1 when absent or unreadable. */
function exifOrientation(app1: Buffer): number {
  if (app1.length < 14 || app1.toString('latin1', 0, 6) !== 'Exif\0\0') return 1;
  const tiff = app1.subarray(6);
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const u16 = (at: number) => (order === 'II' ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const ifd = order === 'II' ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  if (ifd + 2 > tiff.length) return 1;
  const entries = u16(ifd);
  for (let i = 0, at = ifd + 2; i < entries && at + 12 <= tiff.length; i++, at += 12) {
    // SHORT (type 3), one value: the value sits in the entry itself.
    if (u16(at) === 0x0112)
      return u16(at + 2) === 3 && u16(at + 8) >= 1 && u16(at + 8) <= 8 ? u16(at + 8) : 1;
  }
  return 1;
}
