import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export interface S3Peer {
  /** FILES_S3_URL and the keys for a platform that stores its files here. */
  env: Record<string, string>;
  /** Where s3rver keeps the objects of the bucket, to look at them from outside. */
  directory: string;
  close(): Promise<void>;
}

/**
 * A real S3-protocol server (s3rver) on a free loopback port, keeping its objects in a temporary
 * directory; it knows the access key S3RVER with the secret S3RVER and checks request signatures.
 */
export async function startS3Peer(bucket = 'erkelenz-dateien'): Promise<S3Peer> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'erk-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    env: { FILES_S3_URL: `http://127.0.0.1:${port}/${bucket}/uploads`, FILES_S3_ACCESS_KEY_ID: 'S3RVER', FILES_S3_SECRET_ACCESS_KEY: 'S3RVER' },
    directory,
    async close() {
      await server.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
