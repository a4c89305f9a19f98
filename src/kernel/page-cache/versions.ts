import type { ChangeFeed } from '../db/notifications.ts';

/** Pages that depend on everything modules publish (the home page gathers from all of them). */
export const everything = '*';

/**
 * How often each scope of content (`catalog`, …) has changed since this process started, from the
 * database's change notifications. A page rendered under one stamp is stale as soon as the stamp differs.
 * Counted here, not read from the database, because a cache hit must cost no query.
 */
export class ContentVersions {
  readonly #versions = new Map<string, number>();
  #total = 0;
  /** Raised when notifications may have been lost: every stamp changes, so nothing cached survives it. */
  #epoch = 0;
  /** Notifications heard lately ("<scope> <transaction>"): each connection of the pool hears every one. */
  readonly #heard = new Set<string>();

  constructor(feed: ChangeFeed) {
    feed.subscribe({ message: (payload) => this.#hear(payload), gap: () => (this.#epoch += 1) });
  }

  #hear(payload: string): void {
    if (this.#heard.has(payload)) return;
    this.#heard.add(payload);
    // Far more than the connections that can repeat a notification while a newer one arrives.
    if (this.#heard.size > 1000) this.#heard.delete(this.#heard.values().next().value!);
    this.changed(payload.split(' ')[0]!);
  }

  changed(scope: string): void {
    this.#versions.set(scope, (this.#versions.get(scope) ?? 0) + 1);
    this.#total += 1;
  }

  /** A value that changes whenever any of the scopes changes (`everything`: whenever anything does). */
  stamp(scopes: readonly string[]): string {
    const parts = scopes.map((scope) => (scope === everything ? `*${this.#total}` : `${scope}${this.#versions.get(scope) ?? 0}`));
    return `${this.#epoch}/${parts.join('/')}`;
  }
}
