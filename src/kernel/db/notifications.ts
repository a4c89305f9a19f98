import { CompiledQuery, type DatabaseConnection } from 'kysely';
import pg from 'pg';

/**
 * What a listener on a notification channel (PostgreSQL LISTEN/NOTIFY) hears: each payload, and `gap`
 * whenever notifications may have been missed (the listening connection was lost), so that whoever keeps
 * state from them can drop it all instead of trusting it.
 */
export interface NotificationHandlers {
  message(payload: string): void;
  gap(): void;
}

/** The channel every change that public pages depend on is announced on (`kernel_content_changed()`). */
export const changeChannel = 'content_changed';

/** Fans the database's change notifications out to everyone in this process who keeps state from them. */
export class ChangeFeed {
  readonly #subscribers = new Set<NotificationHandlers>();

  subscribe(handlers: NotificationHandlers): () => void {
    this.#subscribers.add(handlers);
    return () => this.#subscribers.delete(handlers);
  }

  message(payload: string): void {
    for (const subscriber of this.#subscribers) subscriber.message(payload);
  }

  gap(): void {
    for (const subscriber of this.#subscribers) subscriber.gap();
  }
}

/**
 * Listens on PostgreSQL in two ways at once:
 * - every connection the platform's queries go through listens (`listenOnConnection`, run by Kysely when
 *   it first uses a connection). PostgreSQL hands a session its own notifications after the commit and
 *   before the commit's reply, so this instance hears of its own change before the code that committed it
 *   goes on: nothing it serves afterwards can be stale.
 * - one connection of its own listens all the time, for changes other instances commit while this one has
 *   no pooled connection open; it reconnects when lost and reports the gap.
 */
export async function listenOnPostgres(pool: pg.Pool, url: string, feed: ChangeFeed): Promise<() => Promise<void>> {
  const onNotification = (notification: pg.Notification) => {
    if (notification.channel === changeChannel) feed.message(notification.payload ?? '');
  };
  pool.on('connect', (client) => client.on('notification', onNotification));

  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  const reconnectSoon = () => {
    if (!stopped) retry = setTimeout(() => void connect(true), 1000);
  };
  const connect = async (afterLoss: boolean): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', onNotification);
    next.on('error', () => {
      // 'end' follows and reconnects.
    });
    next.on('end', () => {
      if (stopped || client !== next) return;
      client = null;
      feed.gap();
      reconnectSoon();
    });
    try {
      await next.connect();
      await next.query(`listen ${changeChannel}`);
      client = next;
      if (afterLoss) feed.gap();
    } catch (error) {
      await next.end().catch(() => undefined);
      if (!afterLoss) throw error;
      reconnectSoon();
    }
  };
  await connect(false);

  return async () => {
    stopped = true;
    clearTimeout(retry);
    const last = client;
    client = null;
    await last?.end().catch(() => undefined);
  };
}

/** Makes a pooled connection listen before Kysely runs anything on it (its `onCreateConnection`). */
export async function listenOnConnection(connection: DatabaseConnection): Promise<void> {
  await connection.executeQuery(CompiledQuery.raw(`listen ${changeChannel}`));
}
