import { describeFileStore, fileStamp } from './store-contract.ts';
import type { DiskStorage } from '#kernel/files/storage.disk.ts';
import { createTestPlatform } from '#test/platform.ts';

describeFileStore({
  name: 'local disk',
  async start() {
    const platform = await createTestPlatform();
    const storage = platform.ctx.files.storage as DiskStorage;
    return { platform, stamp: (id) => fileStamp(storage.pathOf(id)), stop: () => platform.close() };
  },
});
