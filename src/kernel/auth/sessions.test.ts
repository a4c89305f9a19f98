import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '#kernel/db/database.ts';
import { freshDatabase } from '#test/database.ts';
import { hashToken, SessionStore } from './sessions.ts';

const ada = '0f3b9c2e-6d1a-4b7e-9c8d-1a2b3c4d5e6f';
const bert = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const policy = { idleMinutes: 30, absoluteHours: 12 };
const minutes = (n: number) => n * 60_000;

let database: Database;
let store: SessionStore;

beforeAll(async () => {
  database = await freshDatabase();
  store = new SessionStore(database.db, policy);
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await sql`delete from sessions`.execute(database.db);
});

/** Moves a session back in time instead of waiting: `lastSeen` and `created` are minutes ago. */
async function age(hash: string, { lastSeen, expiresIn }: { lastSeen?: number; expiresIn?: number }) {
  const now = Date.now();
  await database.db
    .updateTable('sessions')
    .$if(lastSeen !== undefined, (q) => q.set({ last_seen_at: new Date(now - minutes(lastSeen!)) }))
    .$if(expiresIn !== undefined, (q) => q.set({ expires_at: new Date(now + minutes(expiresIn!)) }))
    .where('token_hash', '=', hash)
    .execute();
}

async function stored(hash: string) {
  return database.db.selectFrom('sessions').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

describe('session store', () => {
  it('keeps only the hash of the token and hands the session back for the token', async () => {
    const { token, hash } = await store.create({ userId: ada, data: { step: 'totp' }, ip: '192.0.2.1', userAgent: 'x'.repeat(400) });
    expect(hash).toBe(hashToken(token));
    const row = await stored(hash);
    expect(row).toMatchObject({ user_id: ada, data: { step: 'totp' }, ip: '192.0.2.1' });
    expect(row?.user_agent).toHaveLength(300);
    expect(JSON.stringify(await database.db.selectFrom('sessions').selectAll().execute())).not.toContain(token);
    expect(await store.load(token)).toEqual({ hash, userId: ada, data: { step: 'totp' } });
    expect(await store.load('not-a-token')).toBeNull();
  });

  it('ends a session after the idle time without a request', async () => {
    const { token, hash } = await store.create({ userId: ada });
    await age(hash, { lastSeen: 31 });
    expect(await store.load(token)).toBeNull();
    expect(await stored(hash)).toBeUndefined();
  });

  it('keeps a session used within the idle time and counts the idle time from that use', async () => {
    const { token, hash } = await store.create({ userId: ada });
    await age(hash, { lastSeen: 29 });
    expect(await store.load(token)).toMatchObject({ userId: ada });
    const row = await stored(hash);
    expect(Date.now() - row!.last_seen_at.getTime()).toBeLessThan(minutes(1));
  });

  it('ends a session at its absolute limit however active it is', async () => {
    const { token, hash } = await store.create({ userId: ada });
    const created = await stored(hash);
    // The limit is set at login: 12 hours from then.
    expect(created!.expires_at.getTime() - Date.now()).toBeGreaterThan(minutes(12 * 60 - 1));
    await age(hash, { lastSeen: 2, expiresIn: 1 });
    await store.load(token);
    // Use does not push the absolute limit out.
    expect((await stored(hash))!.expires_at.getTime() - Date.now()).toBeLessThanOrEqual(minutes(1));
    await age(hash, { lastSeen: 0, expiresIn: -1 });
    expect(await store.load(token)).toBeNull();
    expect(await stored(hash)).toBeUndefined();
  });

  it('ends every session of a person but the one named, and no one else’s', async () => {
    const laptop = await store.create({ userId: ada });
    const phone = await store.create({ userId: ada });
    const tablet = await store.create({ userId: ada });
    const other = await store.create({ userId: bert });
    const visitor = await store.create({ userId: null });
    expect(await store.destroyAllFor(ada, { except: laptop.hash })).toBe(2);
    expect(await store.load(laptop.token)).not.toBeNull();
    expect(await store.load(phone.token)).toBeNull();
    expect(await store.load(tablet.token)).toBeNull();
    expect(await store.load(other.token)).not.toBeNull();
    expect(await store.load(visitor.token)).not.toBeNull();
    expect(await store.destroyAllFor(ada)).toBe(1);
    expect(await store.listFor(ada)).toEqual([]);
  });

  it('purges idle and expired sessions and keeps live ones', async () => {
    const live = await store.create({ userId: ada });
    const idle = await store.create({ userId: ada });
    const expired = await store.create({ userId: bert });
    const alsoLive = await store.create({ userId: null });
    await age(idle.hash, { lastSeen: 45 });
    await age(expired.hash, { expiresIn: -5 });
    expect(await store.purgeExpired(new Date())).toBe(2);
    const left = await database.db.selectFrom('sessions').select('token_hash').execute();
    expect(left.map((row) => row.token_hash).sort()).toEqual([live.hash, alsoLive.hash].sort());
    expect(await store.purgeExpired(new Date())).toBe(0);
  });

  it('stores step data for the session', async () => {
    const { token, hash } = await store.create({ userId: null });
    await store.setData(hash, { flash: 'Gespeichert' });
    expect(await store.load(token)).toMatchObject({ data: { flash: 'Gespeichert' } });
  });
});
