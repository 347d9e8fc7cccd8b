import { defaultLogoSvg } from './default-logo';
import { inspectLogo } from './logo-image';

function png(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

describe('logo checks', () => {
  it('accepts square-ish PNG and JPEG by their bytes', () => {
    expect(inspectLogo(png(200, 180), 'image/png')).toEqual({ contentType: 'image/png', width: 200, height: 180 });
    expect(inspectLogo(jpeg(300, 300), 'image/jpeg')).toEqual({ contentType: 'image/jpeg', width: 300, height: 300 });
  });

  it('refuses what is not an image whatever its declared type, a mismatched type, a banner, and over 2 MB', () => {
    expect(() => inspectLogo(Buffer.from('GIF89a....'), 'image/png')).toThrow(expect.objectContaining({ code: 'INVALID_LOGO', category: 'bad_input' }));
    expect(() => inspectLogo(png(100, 100), 'image/jpeg')).toThrow(expect.objectContaining({ code: 'INVALID_LOGO' }));
    expect(() => inspectLogo(png(400, 100), 'image/png')).toThrow(expect.objectContaining({ message: expect.stringContaining('roughly square') }));
    expect(() => inspectLogo(Buffer.concat([png(10, 10), Buffer.alloc(2 * 1024 * 1024)]), 'image/png')).toThrow(expect.objectContaining({ category: 'too_large' }));
  });

  it('draws the default logo from the name: its first character, a color of its own', () => {
    const acme = defaultLogoSvg('acme <Trading>');
    expect(acme).toContain('>A</text>');
    expect(acme).toBe(defaultLogoSvg('acme <Trading>'));
    expect(acme).not.toBe(defaultLogoSvg('Zeta'));
    expect(defaultLogoSvg('<script>')).toContain('&#60;</text>');
  });
});
