import { LRUCache } from 'lru-cache';
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

  readonly #remembered = new LRUCache<string, { stamp: string; value: Promise<unknown> }>({ max: 5000 });

  /**
   * What `load` reads from published content, read again only after a change to one of the scopes: public
   * pages ask for the same published entries thousands of times between two publications. The stamp is
   * taken before loading, so a value read while a change commits is stale at once and never served after.
   * Callers treat the value as read-only: every request gets the same object.
   */
  remember<T>(scopes: readonly string[], key: string, load: () => Promise<T>): Promise<T> {
    const stamp = this.stamp(scopes);
    const held = this.#remembered.get(key);
    if (held?.stamp === stamp) return held.value as Promise<T>;
    const value = load();
    this.#remembered.set(key, { stamp, value });
    // A failed read is not kept: the next request tries again.
    value.catch(() => {
      if (this.#remembered.get(key)?.value === value) this.#remembered.delete(key);
    });
    return value;
  }

  /** A value that changes whenever any of the scopes changes (`everything`: whenever anything does). */
  stamp(scopes: readonly string[]): string {
    const parts = scopes.map((scope) => (scope === everything ? `*${this.#total}` : `${scope}${this.#versions.get(scope) ?? 0}`));
    return `${this.#epoch}/${parts.join('/')}`;
  }
}
