import Type from 'typebox';
import { defineJob } from '../jobs.ts';

/**
 * Scans one file that waits in quarantine. Queued with the file's record; while the scanner is unreachable
 * the file stays pending (not downloadable) and the job tries again, later each time.
 */
export const scanFileJob = defineJob({
  name: 'kernel.scan-file',
  payload: Type.Object({ fileId: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
  retry: { limit: 12, delaySeconds: 30, backoff: true },
  handler: async ({ fileId }, ctx) => {
    await ctx.files.scan(fileId);
  },
});
