// An AVIF's size and codec from its boxes (ISO base media: meta > iprp > ipco > ispe, av1C), written
// by hand because image-size's HEIF reader searches the rest of the file for a `clap` box once per
// `ispe` box it finds: a crafted 1.2 MB upload held the web process's event loop for 27 s. This walk
// reads each box header once, allocating nothing. It tells AV1 (which sharp's libheif decodes) from
// HEVC (which it cannot) by the codec configuration the file carries, as sharp told them apart.

export interface AvifHeader {
  codec: 'av1' | 'other';
  width: number;
  height: number;
}

const code = (type: string) => Buffer.from(type, 'latin1').readUInt32BE(0);
const [META, IPRP, IPCO] = [code('meta'), code('iprp'), code('ipco')];
const [ISPE, AV1C, HVCC, IROT] = [code('ispe'), code('av1C'), code('hvcC'), code('irot')];

// Boxes looked at in one box (or at the top), as libheif bounds the children of a box: a file of
// millions of empty boxes stops here, not after a million steps. Real files have a few dozen.
const MAX_BOXES = 20_000;

/**
 * Calls `visit(type, start, end)` with the content of each whole box from `start` to `end`, up to the
 * first that is malformed or cut, until `visit` returns true or MAX_BOXES.
 */
function eachBox(
  b: Buffer,
  start: number,
  end: number,
  visit: (type: number, start: number, end: number) => boolean | void,
): void {
  for (let at = start, n = 0; at + 8 <= end && n < MAX_BOXES; n++) {
    let size = b.readUInt32BE(at);
    let header = 8;
    if (size === 1 && at + 16 <= end) {
      size = Number(b.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = end - at; // to the end of its parent
    if (size < header || at + size > end) return;
    if (visit(b.readUInt32BE(at + 4), at + header, at + size)) return;
    at += size;
  }
}

/** The content of the first whole box of a type from `start` to `end`, or null. */
function find(b: Buffer, type: number, start: number, end: number): { start: number; end: number } | null {
  let found: { start: number; end: number } | null = null;
  eachBox(b, start, end, (t, s, e) => (t === type ? ((found = { start: s, end: e }), true) : false));
  return found;
}

/**
 * The size (of the largest `ispe`: the image, not a tile or thumbnail; turned by `irot`, as libheif
 * shows it) and codec of an ISO base media image, or null when its header cannot be read.
 */
export function avifHeader(b: Buffer): AvifHeader | null {
  const meta = find(b, META, 0, b.length);
  const iprp = meta && find(b, IPRP, meta.start + 4, meta.end); // meta is a full box: version, flags
  const ipco = iprp && find(b, IPCO, iprp.start, iprp.end);
  if (!ipco) return null;
  let [width, height, turned] = [0, 0, false];
  let codec: AvifHeader['codec'] | null = null;
  eachBox(b, ipco.start, ipco.end, (type, start, end) => {
    if (type === ISPE && end - start >= 12) {
      const [w, h] = [b.readUInt32BE(start + 4), b.readUInt32BE(start + 8)];
      if (w * h > width * height) [width, height] = [w, h];
    } else if (type === AV1C) codec = 'av1';
    else if (type === HVCC) codec ??= 'other';
    else if (type === IROT && end > start) turned = (b[start]! & 1) === 1;
  });
  if (codec === null || width === 0 || height === 0) return null;
  return { codec, width: turned ? height : width, height: turned ? width : height };
}
