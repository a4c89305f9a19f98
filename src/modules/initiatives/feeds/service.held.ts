import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { initiativesPermissions } from '../permissions.ts';
import { initiativesDb } from '../repo.ts';
import { reindexInitiative } from '../search.ts';
import { countFeedEvents, discardHeld, heldFeeds, lockFeed, releaseHeld, updateFeed, type HeldFeed } from './repo.ts';

/*
 * The moderators' decision on events a flooding feed brought: let them through, or throw them away. Throwing
 * away also pauses the feed, or its next import would bring the same events back to be held again; the
 * maintainers add it anew once their calendar is in order.
 */

/** How many held events of a feed the page lists; the count says how many there are in all. */
export const heldShown = 20;

export async function heldForModerators(ctx: KernelContext, actor: Actor): Promise<HeldFeed[]> {
  ctx.permissions.require(actor, initiativesPermissions.moderate);
  return heldFeeds(initiativesDb(ctx.db), heldShown);
}

export type HeldDecision = 'release' | 'discard';
export type HeldResult = { ok: true; count: number } | { ok: false; reason: 'not-found' | 'nothing-held' };

export async function decideHeld(ctx: KernelContext, actor: Actor, feedId: string, decision: HeldDecision, requestId?: string): Promise<HeldResult> {
  ctx.permissions.require(actor, initiativesPermissions.moderate);
  const now = new Date();
  return ctx.db.transaction().execute(async (trx) => {
    const db = initiativesDb(trx);
    const feed = await lockFeed(db, feedId);
    if (!feed) return { ok: false, reason: 'not-found' };
    const count = decision === 'release' ? await releaseHeld(db, feed.id, now) : await discardHeld(db, feed.id);
    if (count === 0) return { ok: false, reason: 'nothing-held' };
    const counts = await countFeedEvents(db, feed.id);
    await updateFeed(db, feed.id, { event_count: counts.shown, held_count: counts.held, ...(decision === 'discard' ? { active: false } : {}) });
    await reindexInitiative(trx, feed.initiative_id);
    await recordAudit(trx, { actor, requestId: requestId ?? null }, {
      action: decision === 'release' ? 'initiatives.held-events-released' : 'initiatives.held-events-discarded',
      subjectType: 'initiatives.feed',
      subjectId: feed.id,
      meta: { count, initiativeId: feed.initiative_id },
    });
    return { ok: true, count };
  });
}
