import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

/** An upload written to a temporary file, with what was learnt on the way. */
export interface Received {
  path: string;
  size: number;
  sha256: string;
  /** UTF-8 throughout, without control characters other than tab, line breaks and form feed. */
  text: boolean;
}

export type ReceiveResult = { ok: true; received: Received } | { ok: false; reason: 'too-large' | 'empty' };

/**
 * Streams the upload into a new file under `tmpDir`, hashing and counting as the bytes pass, so no upload is
 * ever held in memory whole. Past `maxBytes` nothing more is written; the rest of the source is read and
 * dropped, so the client's request can end normally and hear the refusal.
 */
export async function receive(source: Readable | Uint8Array, tmpDir: string, maxBytes: number): Promise<ReceiveResult> {
  await fs.mkdir(tmpDir, { recursive: true });
  const file = tempPath(tmpDir);
  const handle = await fs.open(file, 'wx', 0o600);
  const hash = createHash('sha256');
  const text = new TextSniffer();
  let size = 0;
  let tooLarge = false;
  try {
    const stream = source instanceof Uint8Array ? Readable.from([source]) : source;
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (tooLarge || size > maxBytes) {
        tooLarge = true;
        continue;
      }
      hash.update(bytes);
      text.push(bytes);
      await handle.write(bytes);
    }
    // @fastify/multipart ends a file cut off at its own limit quietly and marks it so.
    if ((source as { truncated?: boolean }).truncated === true) tooLarge = true;
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(file, { force: true });
    throw error;
  }
  await handle.close();
  if (tooLarge || size === 0) {
    await fs.rm(file, { force: true });
    return { ok: false, reason: tooLarge ? 'too-large' : 'empty' };
  }
  return { ok: true, received: { path: file, size, sha256: hash.digest('hex'), text: text.finish() } };
}

/** Hashes and measures a file already on disk (an image after re-encoding). */
export async function describeFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

export function tempPath(tmpDir: string): string {
  return path.join(tmpDir, `${randomUUID()}.part`);
}

/**
 * Decides on the way whether the bytes are plain text, since text has no magic bytes to detect: UTF-8, or
 * (what Excel on a German Windows writes) Windows-1252, both without control characters.
 */
class TextSniffer {
  #decoder = new TextDecoder('utf-8', { fatal: true });
  #utf8 = true;
  #legacy = true;

  push(bytes: Uint8Array): void {
    if (this.#legacy) this.#legacy = !bytes.some((byte) => legacyNonText[byte] === 1);
    if (!this.#utf8) return;
    try {
      this.#utf8 = !controlCharacters.test(this.#decoder.decode(bytes, { stream: true }));
    } catch {
      this.#utf8 = false;
    }
  }

  finish(): boolean {
    if (this.#utf8) {
      try {
        if (!controlCharacters.test(this.#decoder.decode())) return true;
      } catch {
        // An incomplete UTF-8 sequence at the end: not UTF-8, perhaps Windows-1252.
      }
    }
    return this.#legacy;
  }
}

/** Bytes that are no text in Windows-1252: control characters but tab, line feed and carriage return, and the five it leaves undefined. */
const legacyNonText = new Uint8Array(256);
for (let byte = 0; byte < 0x20; byte += 1) if (![0x09, 0x0a, 0x0d, 0x0c].includes(byte)) legacyNonText[byte] = 1;
for (const byte of [0x7f, 0x81, 0x8d, 0x8f, 0x90, 0x9d]) legacyNonText[byte] = 1;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacters = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;
