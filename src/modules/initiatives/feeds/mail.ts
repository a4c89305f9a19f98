import Type from 'typebox';
import { defineJob } from '#kernel/jobs.ts';
import { initiativesDb } from '../repo.ts';
import { findFeed, maintainerAddresses } from './repo.ts';

/*
 * The mail that tells an entry's maintainers their calendar feed stopped working. Queued in the
 * transaction that records the first failure, so it leaves once per failing spell; it carries no key, only
 * what failed and where to fix it.
 */

export const sendFeedFailureJob = defineJob({
  name: 'initiatives.send-feed-failure',
  payload: Type.Object({ feedId: Type.String({ format: 'uuid' }) }),
  handler: async ({ feedId }, ctx) => {
    const db = initiativesDb(ctx.db);
    const feed = await findFeed(db, feedId);
    // Recovered before the mail left: nothing to tell.
    if (!feed || feed.failures === 0 || !feed.last_error) return;
    const initiative = await db.selectFrom('initiatives').select(['name', 'slug', 'language']).where('id', '=', feed.initiative_id).executeTakeFirstOrThrow();
    const t = ctx.i18n.getFixedT(initiative.language);
    const values = { name: initiative.name, url: feed.url, error: feed.last_error, page: `${ctx.config.PUBLIC_URL}/initiativen/${initiative.slug}`, city: ctx.config.CITY_NAME };
    const host = new URL(ctx.config.PUBLIC_URL).hostname;
    for (const to of await maintainerAddresses(db, feed.initiative_id)) {
      await ctx.mailer.send({ to, subject: t('initiatives:feeds.mail.failureSubject', values), text: t('initiatives:feeds.mail.failureText', values), messageId: `<feed-failure-${feed.id}-${feed.last_fetched_at?.getTime() ?? 0}@${host}>` });
    }
  },
});
