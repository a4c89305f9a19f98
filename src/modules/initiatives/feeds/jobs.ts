import Type from 'typebox';
import { defineJob } from '#kernel/jobs.ts';
import { rollOccurrences } from '../events/repo.ts';
import { initiativesDb } from '../repo.ts';
import { importAllFeeds, importFeedNow } from './import.ts';

/** Every hour: each feed is read again; a failed run is not retried, the next hour's run is its retry. */
export const importFeedsJob = defineJob({
  name: 'initiatives.import-feeds',
  payload: Type.Object({}),
  cron: '17 * * * *',
  retry: { limit: 0, delaySeconds: 60, backoff: false },
  // Many slow feeds (20 seconds each at most) may take longer than the default quarter hour.
  expireInSeconds: 55 * 60,
  handler: async (_payload, ctx) => {
    const result = await importAllFeeds(ctx);
    if (result.imported + result.failed > 0) ctx.log.info(result, 'initiative feeds imported');
  },
});

/** Every night: recurring events' occurrences move on with the calendar's reach, in one transaction. */
export const rollOccurrencesJob = defineJob({
  name: 'initiatives.roll-occurrences',
  payload: Type.Object({}),
  cron: '40 3 * * *',
  handler: async (_payload, ctx) => {
    const written = await ctx.db.transaction().execute((trx) => rollOccurrences(initiativesDb(trx), new Date()));
    ctx.log.info({ written }, 'initiative occurrences rolled');
  },
});

/** A feed just entered is read at once, so its maintainers see the result (or the error) on their page. */
export const importNewFeedJob = defineJob({
  name: 'initiatives.import-new-feed',
  payload: Type.Object({ feedId: Type.String({ format: 'uuid' }) }),
  retry: { limit: 0, delaySeconds: 60, backoff: false },
  handler: async (payload, ctx) => {
    const outcome = await importFeedNow(ctx, payload.feedId);
    ctx.log.info({ feedId: payload.feedId, ok: outcome.ok }, 'new initiative feed imported');
  },
});
