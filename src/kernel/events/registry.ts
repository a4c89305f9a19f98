import Type from 'typebox';
import { defineJob, type JobDefinition } from '../jobs.ts';
import type { ModuleManifest } from '../module.ts';
import type { EventDefinition, Subscription } from './define.ts';
import { deliverEvent } from './deliver.ts';

/** What a delivery job carries: only the event's id, so the payload is read as it was stored. */
export const deliveryPayload = Type.Object({ eventId: Type.String({ format: 'uuid' }) });

/**
 * The events the modules publish and who subscribes to them, checked once at start. The version rule: an
 * event has one current version, the one its publisher declares, and every subscriber must handle exactly
 * that version; a subscriber left on an older one stops the platform from starting, naming both.
 */
export class EventRegistry {
  readonly #declared = new Map<string, { definition: EventDefinition; module: string }>();
  readonly #subscribers = new Map<string, Subscription[]>();
  readonly #byQueue = new Map<string, Subscription>();
  readonly #jobs = new Map<string, JobDefinition<typeof deliveryPayload>>();

  constructor(modules: readonly ModuleManifest[]) {
    for (const module of modules) {
      for (const definition of module.events ?? []) this.#declare(module.id, definition);
    }
    for (const module of modules) {
      for (const subscription of module.on ?? []) this.#subscribe(module.id, subscription);
    }
    for (const subscription of this.#byQueue.values()) {
      this.#jobs.set(
        subscription.name,
        defineJob({
          name: subscription.name,
          payload: deliveryPayload,
          retry: subscription.retry,
          expireInSeconds: subscription.expireInSeconds,
          handler: (payload, ctx) => deliverEvent(ctx, subscription, payload.eventId),
        }),
      );
    }
  }

  /** One queue per subscriber, named after it, so one subscriber's failures never hold up another's. */
  get deliveryJobs(): JobDefinition<typeof deliveryPayload>[] {
    return [...this.#jobs.values()];
  }

  /** The delivery jobs to queue when this event is published: one per subscriber. */
  deliveriesOf(name: string): JobDefinition<typeof deliveryPayload>[] {
    return this.subscribersOf(name).map((subscription) => this.#jobs.get(subscription.name)!);
  }

  /** The definition a module declared under this name, or undefined for a name no module publishes. */
  declared(name: string): EventDefinition | undefined {
    return this.#declared.get(name)?.definition;
  }

  subscribersOf(name: string): readonly Subscription[] {
    return this.#subscribers.get(name) ?? [];
  }

  /** The subscription whose deliveries run in this queue, if the queue is one. */
  subscriptionOf(queue: string): Subscription | undefined {
    return this.#byQueue.get(queue);
  }

  get deliveryQueues(): string[] {
    return [...this.#byQueue.keys()];
  }

  #declare(moduleId: string, definition: EventDefinition) {
    if (!definition.name.startsWith(`${moduleId}.`)) throw new Error(`Event ${definition.name} of module ${moduleId} must be named ${moduleId}.<fact>`);
    if (!Number.isInteger(definition.version) || definition.version < 1) throw new Error(`Event ${definition.name} needs a version of 1 or more`);
    const earlier = this.#declared.get(definition.name);
    if (earlier) throw new Error(`Event ${definition.name} is declared twice (modules ${earlier.module} and ${moduleId})`);
    this.#declared.set(definition.name, { definition, module: moduleId });
  }

  #subscribe(moduleId: string, subscription: Subscription) {
    const { name, event } = subscription;
    if (!name.startsWith(`${moduleId}.`)) throw new Error(`Subscriber ${name} of module ${moduleId} must be named ${moduleId}.<what it does>`);
    if (this.#byQueue.has(name)) throw new Error(`Subscriber ${name} is declared twice`);
    const publisher = this.#declared.get(event.name);
    if (!publisher) throw new Error(`Subscriber ${name} subscribes to ${event.name}, which no module publishes (manifest events)`);
    if (publisher.definition.version !== event.version) {
      throw new Error(
        `Subscriber ${name} handles ${event.name} v${event.version}, but module ${publisher.module} publishes v${publisher.definition.version}: move the subscriber to v${publisher.definition.version}`,
      );
    }
    this.#byQueue.set(name, subscription);
    this.#subscribers.set(event.name, [...this.subscribersOf(event.name), subscription]);
  }
}
