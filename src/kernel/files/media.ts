import fs from 'node:fs/promises';
import type { Received } from './intake.ts';
import { tempPath } from './intake.ts';
import { loadOnce } from '../lazy.ts';

const fileType = loadOnce(() => import('file-type'));
const sharpModule = loadOnce(() => import('sharp').then((module) => module.default));

export interface MediaType {
  mime: string;
  /** Canonical file name extension, without the dot. */
  extension: string;
}

/** Text types a caller may ask for; text content matches each, since no magic bytes tell them apart. */
const textTypes: Record<string, string> = { 'text/plain': 'txt', 'text/csv': 'csv', 'application/json': 'json' };

/** Images whose EXIF and GPS metadata are removed on the way in. */
export const strippedImageTypes: Record<string, 'jpeg' | 'png' | 'webp'> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * What the content is, read from its first bytes with `file-type` (loaded on first use), or plain text when
 * it has no signature but is clean UTF-8. Names and a browser's Content-Type are never consulted.
 */
export async function detect(received: Received): Promise<MediaType | null> {
  const { fileTypeFromFile } = await fileType();
  const found = await fileTypeFromFile(received.path);
  if (found) return { mime: found.mime, extension: found.ext };
  return received.text ? { mime: 'text/plain', extension: 'txt' } : null;
}

/** The type the file is stored as, if the caller takes it. */
export function acceptedType(detected: MediaType | null, accept: readonly string[]): MediaType | null {
  if (!detected) return null;
  if (accept.includes(detected.mime)) return detected;
  if (detected.mime !== 'text/plain') return null;
  const wanted = accept.find((type) => type in textTypes);
  return wanted ? { mime: wanted, extension: textTypes[wanted]! } : null;
}

/**
 * Re-encodes a JPEG, PNG or WebP without any metadata (EXIF, GPS, XMP, IPTC, comments), turned upright by
 * its EXIF orientation first, since that goes too. Returns the new file, or null when the image cannot be
 * decoded. sharp loads on first use.
 */
export async function stripImage(received: Received, mime: string, tmpDir: string): Promise<string | null> {
  const format = strippedImageTypes[mime];
  if (!format) throw new Error(`No metadata removal for ${mime}`);
  const sharp = await sharpModule();
  const target = tempPath(tmpDir);
  try {
    // Animated WebP keeps its frames; `failOn: 'error'` refuses truncated or corrupt data rather than guessing.
    await sharp(received.path, { animated: format === 'webp', failOn: 'error' })
      .rotate()
      .toFormat(format, format === 'png' ? {} : { quality: 90 })
      .toFile(target);
    return target;
  } catch {
    await fs.rm(target, { force: true });
    return null;
  }
}

const shortNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'text/plain': 'Text',
  'text/csv': 'CSV',
  'application/json': 'JSON',
};

/** How a person knows the type: "PDF", "JPEG"; for messages that list what is accepted. */
export function mediaTypeLabel(mime: string): string {
  return shortNames[mime] ?? (mime.split('/')[1] ?? mime).toUpperCase();
}

/** Extensions a download of this type may keep from the name it is given. */
export function fittingExtensions(mime: string, extension: string): readonly string[] {
  switch (mime) {
    case 'image/jpeg':
      return ['jpg', 'jpeg'];
    case 'image/tiff':
      return ['tif', 'tiff'];
    // Text stays text however it is named, but never under a name a browser would open as a page.
    case 'text/plain':
      return ['txt', 'csv', 'tsv', 'json', 'md', 'log'];
    case 'text/csv':
      return ['csv', 'txt'];
    default:
      return [extension];
  }
}
