import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import type { App } from '#kernel/module.ts';
import { buildApp } from '#kernel/http/app.ts';
import { databaseRateLimitStore, purgeEndedRateLimitWindows } from '#kernel/http/rate-limit-store.ts';

let platform: TestPlatform;
let secondServer: App;
beforeAll(async () => {
  platform = await createTestPlatform();
  // A second app server on the same database, as behind a load balancer.
  secondServer = await buildApp(platform.ctx, { cookieSecret: crypto.randomBytes(32).toString('base64url') });
});
afterAll(async () => {
  await secondServer.close();
  await platform.close();
});

// A new address each time, so that only the route's limit counts and not the slowdown per account.
let attempts = 0;
const attempt = (client: FormClient) => client.post('/anmelden', { email: `niemand-${(attempts += 1)}@example.org`, password: 'falsch' });

describe('rate limits in the database', () => {
  it('count one client’s attempts on two app servers together', async () => {
    const first = new FormClient(platform.app);
    const second = new FormClient(secondServer, first.remoteAddress);
    await first.get('/anmelden');
    await second.get('/anmelden');
    const statuses: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      statuses.push((await attempt(first)).status, (await attempt(second)).status);
    }
    expect(statuses).toEqual(Array(10).fill(422));
    const refused = await attempt(first);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toContain('Zu viele Versuche in kurzer Zeit.');
    // Someone else is not affected.
    const other = new FormClient(secondServer);
    await other.get('/anmelden');
    expect((await attempt(other)).status).toBe(422);
  });

  it('keep routes apart, start a new window when the old one is over, and store no address', async () => {
    const Store = databaseRateLimitStore(platform.ctx.db);
    const login = new Store({}).child({ routeInfo: { method: 'POST', url: '/probe/login' } } as never);
    const feedback = new Store({}).child({ routeInfo: { method: 'POST', url: '/probe/feedback' } } as never);
    const hit = (store: typeof login, client: string) =>
      new Promise<{ current: number; ttl: number }>((resolve, reject) => store.incr(client, (error, result) => (error ? reject(error) : resolve(result!)), 60_000, 5));

    expect((await hit(login, '203.0.113.77')).current).toBe(1);
    const second = await hit(login, '203.0.113.77');
    expect(second.current).toBe(2);
    expect(second.ttl).toBeGreaterThan(0);
    expect(second.ttl).toBeLessThanOrEqual(60_000);
    expect((await hit(feedback, '203.0.113.77')).current).toBe(1);

    const rows = await platform.ctx.db.selectFrom('rate_limits').select('key_hash').execute();
    expect(JSON.stringify(rows)).not.toContain('203.0.113.77');

    await sql`update rate_limits set window_ends_at = now() - interval '1 second'`.execute(platform.ctx.db);
    expect((await hit(login, '203.0.113.77')).current).toBe(1);

    await sql`update rate_limits set window_ends_at = now() - interval '1 second'`.execute(platform.ctx.db);
    expect(await purgeEndedRateLimitWindows(platform.ctx.db, new Date())).toBeGreaterThanOrEqual(2);
    expect(await platform.ctx.db.selectFrom('rate_limits').select('key_hash').execute()).toEqual([]);
  });
});
