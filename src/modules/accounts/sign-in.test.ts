import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient, type Response } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { accountsDb } from './repo.ts';
import { passwordKeys, secondFactorKeys } from './throttle.ts';
import { buildCitizen, buildStaff } from './test/builders.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const wrongPassword = 'Das ist nicht das Passwort';

async function signIn(client: FormClient, email: string, password: string, next?: string): Promise<Response> {
  await client.get('/anmelden');
  return client.post('/anmelden', { email, password, ...(next === undefined ? {} : { next }) });
}

/** What a person sees of a failed attempt: status, the message at the field, and how long to wait. */
function outcome(response: Response) {
  const message = /id="email-error"[\s\S]*?<span class="kern-body">([^<]+)<\/span>/.exec(response.body)?.[1];
  return { status: response.status, message, retryAfter: response.headers['retry-after'] };
}

/** Time passes: every wait is over and the platform's per-address request limits have started afresh. */
async function waitIsOver(keyHashes?: string[]) {
  const db = accountsDb(platform.ctx.db);
  await db
    .updateTable('account_throttles')
    .set({ not_before: new Date(Date.now() - 1000) })
    .$if(keyHashes !== undefined, (q) => q.where('key_hash', 'in', keyHashes!))
    .where('not_before', 'is not', null)
    .execute();
  await sql`delete from rate_limits`.execute(platform.ctx.db);
}

describe('12.5 slowing down instead of locking', () => {
  it('12.5 answers an existing and an unknown address alike, with a delay that grows and then lets the right password in', async () => {
    const { user, password } = await buildCitizen(platform.ctx);
    const existing = new FormClient(platform.app, '203.0.113.10');
    const unknown = new FormClient(platform.app, '203.0.113.11');
    const seen: { existing: unknown[]; unknown: unknown[] } = { existing: [], unknown: [] };
    for (let attempt = 0; attempt < 6; attempt += 1) {
      seen.existing.push(outcome(await signIn(existing, user.email!, wrongPassword)));
      seen.unknown.push(outcome(await signIn(unknown, 'niemand-hier@example.org', wrongPassword)));
    }
    expect(seen.existing).toEqual(seen.unknown);
    expect(seen.existing.slice(0, 5)).toEqual(Array(5).fill({ status: 422, message: 'E-Mail-Adresse oder Passwort ist nicht richtig.', retryAfter: undefined }));
    expect(seen.existing[5]).toMatchObject({ status: 429, message: expect.stringContaining('Zu viele Versuche. Bitte warten Sie 1 Minute') });
    const firstWait = Number((seen.existing[5] as { retryAfter: string }).retryAfter);
    expect(firstWait).toBeGreaterThan(0);
    expect(firstWait).toBeLessThanOrEqual(15);

    // During the wait even the right password is not tried: the delay does not tell which one is right.
    expect((await signIn(existing, user.email!, password)).status).toBe(429);

    await waitIsOver();
    expect((await signIn(existing, user.email!, wrongPassword)).status).toBe(422);
    const longer = await signIn(existing, user.email!, wrongPassword);
    expect(longer.status).toBe(429);
    expect(Number(longer.headers['retry-after'])).toBeGreaterThan(firstWait);
    expect(Number(longer.headers['retry-after'])).toBeLessThanOrEqual(30);

    // No lock stays behind once the wait is over.
    await waitIsOver();
    const inside = await signIn(existing, user.email!, password);
    expect(inside.status).toBe(303);
    expect(inside.location).toBe('/konto');
  });

  it('12.5 lets the owner in from their own address while others fail on the account, and slows them by a minute at most', async () => {
    const { user, password } = await buildCitizen(platform.ctx);
    const owner = new FormClient(platform.app);
    const [, accountWide] = passwordKeys(platform.ctx, user.email!, owner.remoteAddress);
    /** Strangers at ever new addresses, four failures each; whenever the whole account is held, time passes. */
    const failFromElsewhere = async (total: number) => {
      let failures = 0;
      for (let round = 0; round < 3 * total && failures < total; round += 1) {
        const stranger = new FormClient(platform.app);
        for (let attempt = 0; attempt < 4 && failures < total; attempt += 1) {
          const response = await signIn(stranger, user.email!, wrongPassword);
          if (response.status === 422) failures += 1;
          else await waitIsOver([accountWide!.hash]);
        }
      }
      return failures;
    };
    expect(await failFromElsewhere(16)).toBe(16);
    expect((await signIn(owner, user.email!, password)).location).toBe('/konto');

    expect(await failFromElsewhere(30)).toBe(30);
    const slowed = await signIn(new FormClient(platform.app, owner.remoteAddress), user.email!, password);
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(30);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(60);
    await waitIsOver([accountWide!.hash]);
    expect((await signIn(new FormClient(platform.app, owner.remoteAddress), user.email!, password)).location).toBe('/konto');
  });

  it('12.5 rate-limits sign-in requests from one address with 429 and Retry-After, whatever the addresses typed', async () => {
    const client = new FormClient(platform.app);
    await client.get('/anmelden');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1) statuses.push((await client.post('/anmelden', { email: `x${attempt}@example.org`, password: 'y' })).status);
    expect(statuses.slice(0, 10).every((status) => status === 422)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('12.1 the second factor counts its own failures', () => {
  it('12.1 counts wrong codes across password steps, sends the person back after five, and waits longer each round', async () => {
    const staff = await buildStaff(platform.ctx, [{ role: 'editor' }]);
    const client = new FormClient(platform.app, '203.0.113.20');
    const passwordStep = async () => {
      const response = await signIn(client, staff.user.email!, staff.password);
      if (response.location === '/anmelden/zweiter-faktor') await client.get('/anmelden/zweiter-faktor');
      return response;
    };
    const wrongCode = () => client.post('/anmelden/zweiter-faktor', { code: '000000' });

    expect((await passwordStep()).location).toBe('/anmelden/zweiter-faktor');
    for (let attempt = 0; attempt < 4; attempt += 1) expect((await wrongCode()).status).toBe(422);
    // The password again, as the bypass did: the count of wrong codes goes on.
    expect((await passwordStep()).location).toBe('/anmelden/zweiter-faktor');
    const sentBack = await wrongCode();
    expect(sentBack.status).toBe(429);
    expect(outcome(sentBack).message).toContain('Zu viele falsche Sicherheitscodes. Bitte melden Sie sich in 1 Minute erneut an.');
    expect(sentBack.body).toContain('action="/anmelden"');
    const firstWait = Number(sentBack.headers['retry-after']);
    expect(firstWait).toBeGreaterThan(30);
    expect((await client.get('/anmelden/zweiter-faktor')).location).toBe('/anmelden?notice=session-ended');
    // Until the wait is over, not even the right password leads to the code again.
    expect((await passwordStep()).status).toBe(429);

    await waitIsOver();
    expect((await passwordStep()).location).toBe('/anmelden/zweiter-faktor');
    for (let attempt = 0; attempt < 4; attempt += 1) expect((await wrongCode()).status).toBe(422);
    const again = await wrongCode();
    expect(again.status).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(firstWait);

    await waitIsOver();
    await passwordStep();
    expect((await client.post('/anmelden/zweiter-faktor', { code: await staff.code() })).location).toBe('/verwaltung');
    const keys = secondFactorKeys(platform.ctx, staff.user.id, client.remoteAddress).map((key) => key.hash);
    expect(await accountsDb(platform.ctx.db).selectFrom('account_throttles').select('hits').where('key_hash', 'in', keys).execute()).toEqual([]);
  });
});

describe('12.2 where sign-in leads', () => {
  it('12.2 accepts only paths on this site as the place to go after sign-in', async () => {
    const { user, password } = await buildCitizen(platform.ctx);
    const hostile = ['/\t/evil.example', '/\n/evil.example', '/konto\r\nSet-Cookie: x=1', '//evil.example/', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/ /evil.example'];
    for (const next of hostile) {
      const response = await signIn(new FormClient(platform.app), user.email!, password, next);
      expect({ next, status: response.status, location: response.location }).toEqual({ next, status: 303, location: '/konto' });
    }
    const kept = await signIn(new FormClient(platform.app), user.email!, password, '/konto/daten?von=anmeldung#liste');
    expect(kept.location).toBe('/konto/daten?von=anmeldung#liste');
    const form = await new FormClient(platform.app).get(`/anmelden?next=${encodeURIComponent('/\t/evil.example')}`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('name="next" value="/konto"');
  });
});
