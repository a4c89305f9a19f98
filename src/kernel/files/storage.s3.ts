import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { FileMissingError, shardedKey, type FileStorage } from './storage.ts';

export interface S3Settings {
  /** Endpoint with the bucket as first path segment and an optional key prefix after it. */
  url: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * An S3-compatible object store (MinIO, Ceph, a provider's), addressed path-style: `https://host/bucket`.
 * The SDK loads on first use, so a platform on the local disk never pays for it at start.
 */
export class S3Storage implements FileStorage {
  readonly kind = 's3';
  readonly bucket: string;
  readonly prefix: string;
  #client: Promise<{ client: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> | undefined;

  constructor(readonly settings: S3Settings) {
    const [bucket, ...prefix] = new URL(settings.url).pathname.split('/').filter(Boolean);
    if (!bucket) throw new Error('FILES_S3_URL names no bucket');
    this.bucket = decodeURIComponent(bucket);
    this.prefix = prefix.map((part) => `${decodeURIComponent(part)}/`).join('');
  }

  keyOf(id: string): string {
    return `${this.prefix}${shardedKey(id)}`;
  }

  async put(id: string, tempPath: string, size: number): Promise<void> {
    try {
      if (await this.has(id)) return;
      const { client, sdk } = await this.#sdk();
      // A file stream with its length known streams the upload in one request, never the whole file in memory.
      await client.send(
        new sdk.PutObjectCommand({ Bucket: this.bucket, Key: this.keyOf(id), Body: createReadStream(tempPath), ContentLength: size, ContentType: 'application/octet-stream' }),
      );
    } finally {
      await fs.rm(tempPath, { force: true });
    }
  }

  async has(id: string): Promise<boolean> {
    const { client, sdk } = await this.#sdk();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(id) }));
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  }

  async open(id: string): Promise<Readable> {
    const { client, sdk } = await this.#sdk();
    try {
      const object = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(id) }));
      // In Node.js the body is an http.IncomingMessage, a Readable.
      return object.Body as Readable;
    } catch (error) {
      if (notFound(error)) throw new FileMissingError(id);
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    const { client, sdk } = await this.#sdk();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(id) }));
  }

  async close(): Promise<void> {
    if (this.#client) (await this.#client).client.destroy();
    this.#client = undefined;
  }

  #sdk() {
    this.#client ??= import('@aws-sdk/client-s3').then((sdk) => {
      const { url, region, accessKeyId, secretAccessKey } = this.settings;
      const client = new sdk.S3Client({
        endpoint: new URL(url).origin,
        region,
        credentials: { accessKeyId, secretAccessKey },
        // Most S3-compatible servers know no virtual-host buckets; checksums only where the protocol demands
        // them, as many of those servers reject the SDK's newer default checksum headers.
        forcePathStyle: true,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      return { client, sdk };
    });
    return this.#client;
  }
}

function notFound(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === 404;
}
