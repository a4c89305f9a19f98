import type { Static, TSchema } from 'typebox';
import type { KernelContext } from '../context.ts';
import type { Trx } from '../db/database.ts';
import type { RetryPolicy } from '../jobs.ts';

/**
 * A fact one module tells the others, owned by the module that publishes it: the name, the version and the
 * payload's schema are its contract. Subscribers import this definition through the publisher's `index.ts`.
 */
export interface EventDefinition<S extends TSchema = TSchema> {
  /** `<module>.<past-tense fact>`, e.g. `catalog.service-published`. */
  name: string;
  /** Raised whenever the payload changes in a way an existing subscriber could misread. */
  version: number;
  payload: S;
  /**
   * Turns the payload of an event stored under an older version into this version's, for events published
   * before an upgrade and delivered after it. Without it such a delivery fails, visibly, in the back office.
   */
  upcast?: (payload: unknown, storedVersion: number) => Static<S>;
}

export function defineEvent<S extends TSchema>(definition: EventDefinition<S>): EventDefinition<S> {
  return definition;
}

/** One event as a subscriber receives it. */
export interface DeliveredEvent<S extends TSchema = TSchema> {
  id: string;
  name: string;
  version: number;
  publishedAt: Date;
  payload: Static<S>;
}

/**
 * Runs inside the transaction that also records the delivery: whatever the handler writes or enqueues with
 * `trx` happens exactly once per event. It must not use `ctx.db`, which is outside that transaction.
 */
export type EventHandler<S extends TSchema = TSchema> = (event: DeliveredEvent<S>, trx: Trx, ctx: KernelContext) => Promise<void>;

export interface Subscription<S extends TSchema = TSchema> {
  event: EventDefinition<S>;
  /** `<module>.<what it does>`, unique; also the name of its delivery queue. */
  name: string;
  handler: EventHandler<S>;
  retry?: RetryPolicy;
  /** Seconds a delivery may run before a worker that died is assumed dead and the delivery is retried. */
  expireInSeconds?: number;
}

/** Declares, in a module's manifest `on: [...]`, that `handler` receives every `event` from now on. */
export function subscribe<S extends TSchema>(
  event: EventDefinition<S>,
  name: string,
  handler: EventHandler<S>,
  options: Pick<Subscription<S>, 'retry' | 'expireInSeconds'> = {},
): Subscription<S> {
  return { event, name, handler, ...options };
}
