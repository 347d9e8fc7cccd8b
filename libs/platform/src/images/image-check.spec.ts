import { checkImage, describeImageProblem, ImageRules, imageProblemOf, sniffImage } from './image-check';

// Headers built here byte by byte: what the check reads is the format's own layout, not a library's opinion.

/** A PNG's signature and IHDR chunk (length 13, type, width, height, depth, color type...), then an empty IDAT. */
function png(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(45);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.writeUInt8(8, 24);
  bytes.writeUInt8(6, 25);
  bytes.write('IDAT', 37, 'latin1');
  return bytes;
}

/** A JPEG: start of image, a JFIF APP0 segment, a start-of-frame segment (SOF0 baseline, SOF2 progressive), end. */
function jpeg(width: number, height: number, sof = 0xc0): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const dqt = Buffer.from([0xff, 0xdb, 0x00, 0x04, 0x00, 0x01]);
  const frame = Buffer.from([0xff, sof, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, dqt, frame, Buffer.from([0xff, 0xd9])]);
}

const ICON: ImageRules = { types: ['image/png'], maxBytes: 1024 * 1024, maxAspect: 1, minPx: 144, maxPx: 1024 };
const SCREENSHOT: ImageRules = { types: ['image/png', 'image/jpeg'], maxBytes: 2 * 1024 * 1024 };
const problemOf = (bytes: Buffer, declared: string, rules: ImageRules) => {
  const checked = checkImage(bytes, declared, rules);
  return checked.ok ? undefined : checked.problem;
};

describe('image check', () => {
  it('reads a square PNG of 144 px and the sizes of baseline (SOF0) and progressive (SOF2) JPEGs', () => {
    expect(checkImage(png(144, 144), 'image/png', ICON)).toEqual({ ok: true, image: { contentType: 'image/png', width: 144, height: 144 } });
    expect(checkImage(png(1024, 1024), 'image/png', ICON)).toMatchObject({ ok: true });
    expect(checkImage(jpeg(1080, 1920), 'image/jpeg', SCREENSHOT)).toEqual({ ok: true, image: { contentType: 'image/jpeg', width: 1080, height: 1920 } });
    expect(checkImage(jpeg(750, 1334, 0xc2), 'image/jpeg', SCREENSHOT)).toEqual({ ok: true, image: { contentType: 'image/jpeg', width: 750, height: 1334 } });
  });

  it('refuses a PNG of 143 px, or of 1025, and one that is not square, saying why', () => {
    expect(problemOf(png(143, 143), 'image/png', ICON)).toEqual({ kind: 'SIZE_OUT_OF_RANGE', width: 143, height: 143, minPx: 144, maxPx: 1024 });
    expect(problemOf(png(1025, 1025), 'image/png', ICON)).toMatchObject({ kind: 'SIZE_OUT_OF_RANGE' });
    const notSquare = problemOf(png(200, 201), 'image/png', ICON);
    expect(notSquare).toEqual({ kind: 'NOT_SQUARE', width: 200, height: 201, maxAspect: 1 });
    expect(describeImageProblem(notSquare!, 'the icon')).toBe('the icon is 200x201; it must be square');
    expect(describeImageProblem(problemOf(png(143, 143), 'image/png', ICON)!, 'the icon')).toBe('the icon is 143x143; each side must be at least 144 and at most 1024 pixels');
  });

  it('refuses truncated headers and garbage whatever their declared type', () => {
    const full = png(200, 200);
    for (const cut of [0, 7, 8, 16, 23]) expect(sniffImage(full.subarray(0, cut))).toBeUndefined();
    expect(sniffImage(jpeg(300, 300).subarray(0, 30))).toBeUndefined();
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBeUndefined();
    for (const garbage of [Buffer.from('GIF89a........................'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), Buffer.alloc(100, 0x89)]) {
      expect(problemOf(garbage, 'image/png', SCREENSHOT)).toEqual({ kind: 'NOT_ALLOWED_TYPE', allowed: ['image/png', 'image/jpeg'] });
    }
    // A header with a zero side describes no image.
    expect(sniffImage(png(0, 200))).toBeUndefined();
  });

  it('refuses a PNG sent as image/jpeg, and a JPEG where only PNG is allowed', () => {
    expect(problemOf(png(200, 200), 'image/jpeg', SCREENSHOT)).toEqual({ kind: 'TYPE_MISMATCH', actual: 'image/png', declared: 'image/jpeg' });
    expect(problemOf(jpeg(200, 200), 'image/jpeg', ICON)).toEqual({ kind: 'NOT_ALLOWED_TYPE', allowed: ['image/png'] });
    expect(describeImageProblem({ kind: 'NOT_ALLOWED_TYPE', allowed: ['image/png'] }, 'the icon')).toBe('the icon is not a PNG image');
  });

  it('refuses more bytes than allowed before reading them', () => {
    const big = Buffer.concat([png(200, 200), Buffer.alloc(1024 * 1024)]);
    expect(problemOf(big, 'image/png', ICON)).toEqual({ kind: 'TOO_LARGE', maxBytes: 1024 * 1024 });
    expect(problemOf(big, 'image/png', SCREENSHOT)).toBeUndefined();
  });

  it('applies the same rules to an image described by its type, size and dimensions', () => {
    expect(imageProblemOf({ contentType: 'image/png', width: 512, height: 512, size: 1000 }, ICON)).toBeUndefined();
    expect(imageProblemOf({ contentType: 'image/jpeg', width: 512, height: 512, size: 1000 }, ICON)).toMatchObject({ kind: 'NOT_ALLOWED_TYPE' });
    expect(imageProblemOf({ contentType: 'image/png', width: 512, height: 512.5, size: 1000 }, ICON)).toMatchObject({ kind: 'SIZE_OUT_OF_RANGE' });
    expect(imageProblemOf({ contentType: 'image/png', width: 512, height: 512, size: ICON.maxBytes + 1 }, ICON)).toMatchObject({ kind: 'TOO_LARGE' });
  });
});
