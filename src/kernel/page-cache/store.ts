import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { LRUCache } from 'lru-cache';

export type Encoding = 'br' | 'gzip';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** A rendered page as every visitor without a session gets it, with its compressed forms made on demand. */
export interface CachedPage {
  /** What the page was rendered from (`ContentVersions.stamp`); a different stamp means it is stale. */
  stamp: string;
  /** The minute it was rendered in: opening hours say "open now", so no page outlives its minute. */
  minute: number;
  body: Buffer;
  contentType: string;
  /** Weak, since the same page goes out in three encodings. */
  etag: string;
  lastModified: string;
  /** Milliseconds the route took to render it, reported with every hit. */
  renderMs: number;
  encoded: Map<Encoding, Promise<Buffer>>;
}

export function currentMinute(now = Date.now()): number {
  return Math.floor(now / 60_000);
}

/** Seconds until the page's minute ends: how long a shared cache may keep it (`s-maxage`, at most 60). */
export function secondsLeftInMinute(now = Date.now()): number {
  return Math.max(1, 60 - Math.floor((now % 60_000) / 1000));
}

export function newPage(input: { stamp: string; minute: number; body: string; contentType: string; renderMs: number; now?: Date }): CachedPage {
  const body = Buffer.from(input.body);
  const etag = `W/"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const now = input.now ?? new Date();
  return { stamp: input.stamp, minute: input.minute, body, contentType: input.contentType, etag, lastModified: now.toUTCString(), renderMs: input.renderMs, encoded: new Map() };
}

/**
 * The page's body in an encoding, compressed once per page (in the thread pool, not on the event loop):
 * brotli at quality 9 is within a few per cent of the maximum at a fraction of its time.
 */
export function encodedBody(page: CachedPage, encoding: Encoding): Promise<Buffer> {
  let pending = page.encoded.get(encoding);
  if (!pending) {
    pending =
      encoding === 'br'
        ? brotli(page.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: page.body.length } })
        : gzip(page.body, { level: 9 });
    page.encoded.set(encoding, pending);
  }
  return pending;
}

/** Rendered pages by language and address, the least recently read dropped first when memory runs out. */
export class PageStore {
  readonly #pages: LRUCache<string, CachedPage>;

  constructor(maxBytes: number) {
    // Counted with room for the compressed forms, which are made later and are smaller than the body.
    this.#pages = new LRUCache({ maxSize: maxBytes, sizeCalculation: (page) => Math.ceil(page.body.length * 1.5) + 512 });
  }

  /** The page, if it was rendered from the same content in the same minute; a stale one is dropped. */
  get(key: string, stamp: string, minute: number): CachedPage | undefined {
    const page = this.#pages.get(key);
    if (!page) return undefined;
    if (page.stamp === stamp && page.minute === minute) return page;
    this.#pages.delete(key);
    return undefined;
  }

  put(key: string, page: CachedPage): void {
    this.#pages.set(key, page);
  }

  get size(): number {
    return this.#pages.size;
  }

  get bytes(): number {
    return this.#pages.calculatedSize;
  }
}
