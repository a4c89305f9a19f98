import crypto from 'node:crypto';
import type { Db, Executor } from '../db/database.ts';
import type { KernelTables } from '../db/tables.ts';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface LoadedSession {
  hash: string;
  userId: string | null;
  data: Record<string, unknown>;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url');
}

/**
 * Server-side sessions. The cookie holds a random token; the database holds only its hash, the user and
 * short-lived step state. Both an idle and an absolute limit end a session.
 */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly policy: SessionPolicy,
  ) {}

  async create(
    input: { userId: string | null; data?: Record<string, unknown>; ip?: string; userAgent?: string },
    trx: Executor<KernelTables> = this.db,
  ): Promise<{ token: string; hash: string }> {
    const token = crypto.randomBytes(32).toString('base64url');
    const hash = hashToken(token);
    await trx
      .insertInto('sessions')
      .values({
        token_hash: hash,
        user_id: input.userId,
        data: JSON.stringify(input.data ?? {}),
        expires_at: new Date(Date.now() + this.policy.absoluteHours * 3_600_000),
        ip: input.ip ?? null,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    return { token, hash };
  }

  /** Finds a live session and marks it as used; an expired one is removed on sight. */
  async load(token: string): Promise<LoadedSession | null> {
    const hash = hashToken(token);
    const row = await this.db
      .selectFrom('sessions')
      .select(['token_hash', 'user_id', 'data', 'last_seen_at', 'expires_at'])
      .where('token_hash', '=', hash)
      .executeTakeFirst();
    if (!row) return null;
    const now = Date.now();
    const idleUntil = row.last_seen_at.getTime() + this.policy.idleMinutes * 60_000;
    if (row.expires_at.getTime() <= now || idleUntil <= now) {
      await this.destroy(hash);
      return null;
    }
    // Writing on every request would serialise all requests of a busy session; once a minute is enough.
    if (now - row.last_seen_at.getTime() > 60_000) {
      await this.db.updateTable('sessions').set({ last_seen_at: new Date(now) }).where('token_hash', '=', hash).execute();
    }
    return { hash, userId: row.user_id, data: row.data };
  }

  async setData(hash: string, data: Record<string, unknown>): Promise<void> {
    await this.db.updateTable('sessions').set({ data: JSON.stringify(data) }).where('token_hash', '=', hash).execute();
  }

  async destroy(hash: string, trx: Executor<KernelTables> = this.db): Promise<void> {
    await trx.deleteFrom('sessions').where('token_hash', '=', hash).execute();
  }

  /** Ends every session of a user (logout everywhere, password change, account deletion). */
  async destroyAllFor(userId: string, options: { except?: string } = {}, trx: Executor<KernelTables> = this.db): Promise<number> {
    const result = await trx
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .$if(options.except !== undefined, (q) => q.where('token_hash', '!=', options.except!))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** A person's sessions with where they came from, for "Mein Konto" and the data download. */
  async listFor(userId: string) {
    return this.db
      .selectFrom('sessions')
      .select(['token_hash', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
      .where('user_id', '=', userId)
      .orderBy('last_seen_at', 'desc')
      .execute();
  }

  async purgeExpired(now: Date): Promise<number> {
    const idleCutoff = new Date(now.getTime() - this.policy.idleMinutes * 60_000);
    const result = await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleCutoff)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

