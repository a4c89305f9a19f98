import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import sharp from 'sharp';

/** A small but real PDF: file-type knows it by its header, as it would a scanned letter. */
export function pdfBytes(text = 'Bescheid'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text} ${randomBytes(8).toString('hex')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Bytes as a stream in small chunks, the way an upload arrives. */
export function chunked(bytes: Buffer, size = 16 * 1024): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
    })(),
  );
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Where a photo was taken: Erkelenz, Johannismarkt. */
export const gpsExif = {
  IFD0: { Make: 'Stadtkamera', Model: 'Testgerät' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 4/1 48/1', GPSLongitudeRef: 'E', GPSLongitude: '6/1 18/1 54/1' },
};

/** A 40 × 20 photo whose EXIF says where it was taken and that it must be turned (orientation 6) to stand upright. */
export async function photoWithGps(format: 'jpeg' | 'png' | 'webp' = 'jpeg'): Promise<Buffer> {
  const image = sharp({ create: { width: 40, height: 20, channels: 3, background: '#1d5a8c' } }).toFormat(format);
  return image.withMetadata({ orientation: 6 }).withExifMerge(gpsExif).toBuffer();
}
