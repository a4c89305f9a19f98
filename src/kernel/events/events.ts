import crypto from 'node:crypto';
import type { Static, TSchema } from 'typebox';
import type { AnyExecutor } from '../db/database.ts';
import type { Jobs } from '../jobs.ts';
import type { EventDefinition } from './define.ts';
import { describeErrors, valueChecker } from './deliver.ts';
import type { EventRegistry } from './registry.ts';
import { insertEvent } from './repo.ts';

/** `ctx.events`: publishing. Delivery runs in the job system, one queue per subscriber. */
export class Events {
  constructor(
    readonly registry: EventRegistry,
    private readonly jobs: Jobs,
  ) {}

  /**
   * Stores the event and queues one delivery per subscriber, all in the caller's transaction: if the change
   * that caused the event rolls back, the event was never published. An event no module declares, or a
   * payload its schema refuses, is a programming error and throws before anything is written.
   */
  async publish<S extends TSchema>(trx: AnyExecutor, event: EventDefinition<S>, payload: Static<S>): Promise<{ id: string }> {
    const declared = this.registry.declared(event.name);
    if (!declared) throw new Error(`Event ${event.name} is not declared by any module (manifest events)`);
    if (declared.version !== event.version) throw new Error(`Event ${event.name} v${event.version} is not the version its module publishes (v${declared.version})`);
    const checker = await valueChecker();
    if (!checker.Check(declared.payload, payload)) {
      throw new Error(`Invalid payload for event ${event.name} v${event.version}: ${describeErrors(checker.Errors(declared.payload, payload))}`);
    }
    if (!trx.isTransaction) throw new Error(`Event ${event.name} must be published inside the transaction of the change that caused it`);
    const id = crypto.randomUUID();
    await insertEvent(trx, { id, name: event.name, version: event.version, payload, published_at: new Date() });
    for (const delivery of this.registry.deliveriesOf(event.name)) await this.jobs.enqueue(trx, delivery, { eventId: id });
    return { id };
  }
}
