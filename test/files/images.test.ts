import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { photoWithGps, readAll, sha256 } from './content.ts';

/** The GPS position in the image's EXIF, read as a viewer would, or undefined when there is none. */
async function gpsOf(image: Buffer): Promise<{ latitude: number; longitude: number } | undefined> {
  const { exif } = await sharp(image).metadata();
  if (!exif) return undefined;
  // JPEG and WebP carry the block behind an "Exif\0\0" marker, PNG without; exifr reads the TIFF structure.
  const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
  return (await exifr.gps(tiff)) ?? undefined;
}

describe('images on the way in', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await createTestPlatform();
  });
  afterAll(async () => {
    await platform.close();
  });

  async function stored(bytes: Buffer, accept: string[]) {
    const result = await platform.ctx.files.put(bytes, { accept, maxBytes: 1024 * 1024 });
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    const opened = await platform.ctx.files.open(result.file.id);
    if (!opened.ok) throw new Error(`not readable: ${opened.reason}`);
    return { file: result.file, bytes: await readAll(opened.content) };
  }

  it.each(['jpeg', 'png', 'webp'] as const)('stores a %s without the EXIF block that said where it was taken', async (format) => {
    const photo = await photoWithGps(format);
    expect(await gpsOf(photo)).toMatchObject({ latitude: expect.closeTo(51.08, 2), longitude: expect.closeTo(6.315, 2) });
    const { file, bytes } = await stored(photo, ['image/jpeg', 'image/png', 'image/webp']);
    const metadata = await sharp(bytes).metadata();
    expect(file.mediaType).toBe(`image/${format}`);
    expect(metadata.format).toBe(format);
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(await gpsOf(bytes)).toBeUndefined();
    expect(bytes.includes(Buffer.from('Stadtkamera'))).toBe(false);
  });

  it('turns a photo upright by its EXIF orientation before the orientation goes, and names it by the stored bytes', async () => {
    const photo = await photoWithGps('jpeg');
    const { file, bytes } = await stored(photo, ['image/jpeg']);
    const metadata = await sharp(bytes).metadata();
    expect([metadata.width, metadata.height]).toEqual([20, 40]);
    expect(metadata.orientation).toBeUndefined();
    expect(file.size).toBe(bytes.length);
    expect(file.id).not.toBe(sha256(photo));
    expect(file.id).toBe(sha256(bytes));
  });

  it('refuses an image that cannot be decoded', async () => {
    const photo = await photoWithGps('jpeg');
    const broken = Buffer.concat([photo.subarray(0, 200), Buffer.alloc(100, 0x41)]);
    expect(await platform.ctx.files.put(broken, { accept: ['image/jpeg'], maxBytes: 10_000 })).toMatchObject({ ok: false, reason: 'unreadable' });
  });
});
