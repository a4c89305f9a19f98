import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveredEvent } from '#kernel/events/define.ts';
import { subscribe } from '#kernel/events/define.ts';
import { defineModule } from '#kernel/module.ts';
import { FormClient } from '#test/http-client.ts';
import { signInAtProvider, startOidcProvider, type OidcPeer } from '#test/oidc-provider.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { createStaffCommand } from './commands.ts';
import { accountRegistered } from './index.ts';
import { accountsDb, findUserByEmail } from './repo.ts';

/* What another module sees of new accounts: one `accounts.registered` when a person has an account, never for staff. */

const heard: DeliveredEvent<typeof accountRegistered.payload>[] = [];
const listener = defineModule({ id: 'listener', on: [subscribe(accountRegistered, 'listener.note-registration', async (event) => void heard.push(event))] });

const publicUrl = 'http://localhost:3000';
const password = 'Mein Hund heißt Bello 2026';
let provider: OidcPeer;
let platform: TestPlatform;

beforeAll(async () => {
  provider = await startOidcProvider(`${publicUrl}/anmelden/oidc/rueckkehr`);
  platform = await createTestPlatform(
    { PUBLIC_URL: publicUrl, OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret },
    [listener],
  );
});
afterAll(async () => {
  await platform.close();
  await provider.close();
});

/** Every delivery so far of the account's event, after running whatever is queued (deliveries, mails). */
async function heardFor(userId: string) {
  await platform.runJobs();
  return heard.filter((event) => event.payload.userId === userId);
}

/** Events stored for the account, delivered or not. */
async function storedFor(userId: string) {
  return platform.ctx.db
    .withTables<{ events: { name: string; payload: { userId: string } } }>()
    .selectFrom('events')
    .select('name')
    .where('name', '=', 'accounts.registered')
    .where((eb) => eb.ref('payload', '->>').key('userId'), '=', userId)
    .execute();
}

function linkIn(to: string, path: string): { link: string; token: string } {
  const link = new RegExp(`(${path}\\?token=[\\w-]+)`).exec(platform.smtp.lastTo(to)?.text ?? '')?.[1];
  if (!link) throw new Error(`No ${path} link in the last mail to ${to}`);
  return { link, token: new URL(link, publicUrl).searchParams.get('token')! };
}

async function register(client: FormClient, email: string, query = '') {
  await client.get(`/registrieren${query}`);
  const sent = await client.post('/registrieren', { displayName: 'Hanna Schmitz', email, password, passwordRepeat: password, privacy: 'yes' });
  expect(sent.status).toBe(200);
  await platform.runJobs();
  const user = await findUserByEmail(accountsDb(platform.ctx.db), email);
  if (!user) throw new Error(`No account for ${email}`);
  return user;
}

async function confirm(client: FormClient, email: string) {
  const { link, token } = linkIn(email, '/registrieren/bestaetigen');
  await client.get(link);
  return client.post('/registrieren/bestaetigen', { token });
}

async function signInThroughProvider(subject: string) {
  const client = new FormClient(platform.app);
  await client.get('/anmelden');
  const start = await client.get('/anmelden/oidc');
  const callback = await signInAtProvider(start.location!, subject, publicUrl);
  const back = await client.get(callback.slice(publicUrl.length));
  expect(back.location).toBe('/konto');
}

describe('accounts.registered', () => {
  it('is published when a registration’s address is confirmed, once, with the ids and the language only', async () => {
    const client = new FormClient(platform.app);
    const user = await register(client, 'registered.once@example.org', '?lang=en');
    // Registered but not confirmed: the address may not be the registrant's, so nobody has an account yet.
    expect(await heardFor(user.id)).toEqual([]);
    expect(await storedFor(user.id)).toEqual([]);

    expect((await confirm(client, user.email!)).location).toBe('/anmelden?notice=verified');
    const delivered = await heardFor(user.id);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ name: 'accounts.registered', version: 1 });
    expect(delivered[0]!.payload).toEqual({ userId: user.id, how: 'email', language: 'en' });

    // The button pressed again, and a reset link followed later, confirm nothing new.
    const { link, token } = linkIn(user.email!, '/registrieren/bestaetigen');
    await client.get(link);
    await client.post('/registrieren/bestaetigen', { token });
    await client.get('/passwort-vergessen');
    await client.post('/passwort-vergessen', { email: user.email! });
    await platform.runJobs();
    const reset = linkIn(user.email!, '/passwort-neu');
    await client.get(reset.link);
    const done = await client.post('/passwort-neu', { token: reset.token, password: 'Ein neues langes Passwort', passwordRepeat: 'Ein neues langes Passwort' });
    expect(done.location).toBe('/anmelden?notice=password-set');
    expect(await heardFor(user.id)).toHaveLength(1);
    expect(await storedFor(user.id)).toHaveLength(1);
  });

  it('is published once when a reset link confirms a registration first, and not again for its confirmation link', async () => {
    const client = new FormClient(platform.app);
    const user = await register(client, 'reset.first@example.org');
    const confirmation = linkIn(user.email!, '/registrieren/bestaetigen');
    await client.get('/passwort-vergessen');
    await client.post('/passwort-vergessen', { email: user.email! });
    await platform.runJobs();
    const reset = linkIn(user.email!, '/passwort-neu');
    await client.get(reset.link);
    await client.post('/passwort-neu', { token: reset.token, password: 'Ein neues langes Passwort', passwordRepeat: 'Ein neues langes Passwort' });
    expect((await heardFor(user.id)).map((event) => event.payload)).toEqual([{ userId: user.id, how: 'email', language: 'de' }]);

    await client.get(confirmation.link);
    await client.post('/registrieren/bestaetigen', { token: confirmation.token });
    expect(await heardFor(user.id)).toHaveLength(1);
  });

  it('is published at the first sign-in through OpenID Connect that creates the account, not at the next', async () => {
    provider.identities.set('registered-oidc', { email: 'Paula.Weber@example.org', email_verified: true, name: 'Paula Weber' });
    await signInThroughProvider('registered-oidc');
    const user = await findUserByEmail(accountsDb(platform.ctx.db), 'paula.weber@example.org');
    expect((await heardFor(user!.id)).map((event) => event.payload)).toEqual([{ userId: user!.id, how: 'oidc', language: 'de' }]);

    await signInThroughProvider('registered-oidc');
    expect(await heardFor(user!.id)).toHaveLength(1);
    expect(await storedFor(user!.id)).toHaveLength(1);
  });

  it('is published when a sign-in through OpenID Connect takes over an unconfirmed registration, in its language', async () => {
    const user = await register(new FormClient(platform.app), 'taken.over@example.org', '?lang=en');
    provider.identities.set('takes-over', { email: user.email!, email_verified: true, name: 'Tom Over' });
    await signInThroughProvider('takes-over');
    expect((await heardFor(user.id)).map((event) => event.payload)).toEqual([{ userId: user.id, how: 'oidc', language: 'en' }]);
  });

  it('is not published for a staff account, invited and set up through its link', async () => {
    const output: string[] = [];
    const io = { out: (line: string) => output.push(line), err: (line: string) => output.push(line) };
    const args = ['--email', 'neu.im.amt@erkelenz.example', '--name', 'Neu im Amt', '--role', 'editor', '--print-link'];
    expect(await createStaffCommand.run(platform.ctx, args, io)).toBe(0);
    const link = /(\/einladung\?token=[\w-]+)/.exec(output.join('\n'))![1]!;
    const client = new FormClient(platform.app);
    await client.get(link);
    const token = new URL(link, publicUrl).searchParams.get('token')!;
    const set = await client.post('/einladung', { token, password: 'Ein langes Passwort im Amt', passwordRepeat: 'Ein langes Passwort im Amt' });
    expect(set.status).toBe(303);
    const staff = await findUserByEmail(accountsDb(platform.ctx.db), 'neu.im.amt@erkelenz.example');
    expect(staff?.email_verified_at).toBeInstanceOf(Date);
    expect(await heardFor(staff!.id)).toEqual([]);
    expect(await storedFor(staff!.id)).toEqual([]);
  });
});
