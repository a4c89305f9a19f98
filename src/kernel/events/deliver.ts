import type { KernelContext } from '../context.ts';
import { typeboxValue } from '../lazy.ts';
import type { EventDefinition, Subscription } from './define.ts';
import { claimDelivery, findEvent, type StoredEvent } from './repo.ts';
import type { EventTables } from './tables.ts';

/** typebox's value checker loads lazily, as in the job system: the first event pays, not every start. */
export const valueChecker = typeboxValue;

/**
 * Hands one stored event to one subscriber, at least once and with effect exactly once: the delivery record
 * and everything the handler does share one transaction. A delivery already recorded commits nothing and
 * counts as done, which is what a retry after a worker died between commit and "job complete" meets.
 */
export async function deliverEvent(ctx: KernelContext, subscription: Subscription, eventId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const db = trx.withTables<EventTables>();
    const stored = await findEvent(db, eventId);
    if (!stored) throw new Error(`Event ${eventId} for ${subscription.name} is no longer stored`);
    if (!(await claimDelivery(db, eventId, subscription.name))) return;
    const payload = await currentPayload(subscription.event, stored);
    await subscription.handler({ id: stored.id, name: stored.name, version: subscription.event.version, publishedAt: stored.published_at, payload }, trx, ctx);
  });
}

/** The stored payload in the version the subscriber handles: as stored, or through the definition's upcaster. */
async function currentPayload(definition: EventDefinition, stored: StoredEvent): Promise<unknown> {
  if (stored.name !== definition.name) throw new Error(`Event ${stored.id} is ${stored.name}, not ${definition.name}`);
  let payload = stored.payload;
  if (stored.version !== definition.version) {
    if (stored.version > definition.version || !definition.upcast) {
      throw new Error(`Event ${stored.id} was stored as ${stored.name} v${stored.version}; this platform handles v${definition.version} and has no upcaster from v${stored.version}`);
    }
    payload = definition.upcast(stored.payload, stored.version);
  }
  const checker = await valueChecker();
  if (!checker.Check(definition.payload, payload)) {
    throw new Error(`Event ${stored.id} (${stored.name} v${stored.version}) does not match the payload of v${definition.version}: ${describeErrors(checker.Errors(definition.payload, payload))}`);
  }
  return payload;
}

/** The first few schema complaints, path and message, for an error a developer reads in the back office. */
export function describeErrors(errors: Iterable<{ instancePath: string; message: string }>): string {
  return [...errors]
    .slice(0, 3)
    .map((error) => `${error.instancePath || '/'} ${error.message}`)
    .join('; ');
}
