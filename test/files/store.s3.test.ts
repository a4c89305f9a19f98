import path from 'node:path';
import type { S3Storage } from '#kernel/files/storage.s3.ts';
import { createTestPlatform } from '#test/platform.ts';
import { startS3Peer } from './s3-server.ts';
import { describeFileStore, fileStamp } from './store-contract.ts';

describeFileStore({
  name: 'S3 (s3rver)',
  async start() {
    const peer = await startS3Peer();
    const platform = await createTestPlatform(peer.env);
    const storage = platform.ctx.files.storage as S3Storage;
    const stamp = (id: string) => fileStamp(path.join(peer.directory, storage.bucket, `${storage.keyOf(id)}._S3rver_object`));
    return {
      platform,
      stamp,
      stop: async () => {
        await platform.close();
        await peer.close();
      },
    };
  },
});
