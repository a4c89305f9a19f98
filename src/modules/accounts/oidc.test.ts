import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient } from '#test/http-client.ts';
import { startOidcProvider, signInAtProvider, type OidcPeer } from '#test/oidc-provider.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { assuranceOf, sessionAssurance } from './oidc.ts';
import { accountsDb, findUserByEmail } from './repo.ts';
import { buildCitizen } from './test/builders.ts';

const publicUrl = 'http://localhost:3000';
let provider: OidcPeer;
let platform: TestPlatform;

beforeAll(async () => {
  provider = await startOidcProvider(`${publicUrl}/anmelden/oidc/rueckkehr`);
  platform = await createTestPlatform({
    PUBLIC_URL: publicUrl,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_LABEL: 'Test-ID',
  });
});
afterAll(async () => {
  await platform.close();
  await provider.close();
});

/** Login button → provider's login and consent → back to the platform; returns the client and the last response. */
async function loginThroughProvider(subject: string) {
  const client = new FormClient(platform.app);
  const page = await client.get('/anmelden');
  expect(page.body).toContain('Mit Test-ID anmelden');
  const start = await client.get('/anmelden/oidc');
  expect(start.status).toBe(303);
  expect(start.location).toMatch(new RegExp(`^${provider.issuer}/auth\\?`));
  expect(start.location).toContain('code_challenge_method=S256');
  const callback = await signInAtProvider(start.location!, subject, publicUrl);
  const back = await client.get(callback.slice(publicUrl.length));
  return { client, back };
}

describe('login through an OpenID Connect provider', () => {
  it('creates an account on first login and finds it again on the next', async () => {
    provider.identities.set('bund-4711', { email: 'Paula.Weber@example.org', email_verified: true, name: 'Paula Weber' });
    const first = await loginThroughProvider('bund-4711');
    expect(first.back.status).toBe(303);
    expect(first.back.location).toBe('/konto');
    expect((await first.client.get('/konto')).body).toContain('Guten Tag, Paula Weber');
    const user = await findUserByEmail(accountsDb(platform.ctx.db), 'paula.weber@example.org');
    expect(user?.email_verified_at).toBeInstanceOf(Date);

    const second = await loginThroughProvider('bund-4711');
    expect((await second.client.get('/konto')).body).toContain('Guten Tag, Paula Weber');
    const identities = await accountsDb(platform.ctx.db).selectFrom('oidc_identities').selectAll().where('user_id', '=', user!.id).execute();
    expect(identities).toHaveLength(1);
    expect(identities[0]).toMatchObject({ issuer: provider.issuer, subject: 'bund-4711' });
  });

  it('links an existing account only when the provider vouches for the address', async () => {
    const { user } = await buildCitizen(platform.ctx);
    provider.identities.set('unverified-1', { email: user.email!, email_verified: false, name: 'Someone' });
    const unverified = await loginThroughProvider('unverified-1');
    expect(unverified.back.location).toBe('/konto');
    expect((await unverified.client.get('/konto')).body).not.toContain(user.display_name);

    provider.identities.set('verified-1', { email: user.email!, email_verified: true, name: 'Whoever' });
    const verified = await loginThroughProvider('verified-1');
    expect((await verified.client.get('/konto')).body).toContain(user.display_name);
  });

  it('12.7 never links to an unconfirmed registration while its registrant keeps a working password', async () => {
    // Someone registers the victim's address first and never confirms it.
    const squatter = new FormClient(platform.app);
    await squatter.get('/registrieren');
    const registered = await squatter.post('/registrieren', {
      displayName: 'Vorab Registriert',
      email: 'vera.vogel@example.org',
      password: 'Ein Angreifer wählte dies',
      passwordRepeat: 'Ein Angreifer wählte dies',
      privacy: 'yes',
    });
    expect(registered.status).toBe(200);
    const before = await findUserByEmail(accountsDb(platform.ctx.db), 'vera.vogel@example.org');
    expect(before?.email_verified_at).toBeNull();
    await platform.runJobs();
    const pending = await accountsDb(platform.ctx.db).selectFrom('account_tokens').select('purpose').where('user_id', '=', before!.id).execute();
    expect(pending).toEqual([{ purpose: 'verify-email' }]);

    provider.identities.set('bund-vera', { email: 'vera.vogel@example.org', email_verified: true, name: 'Vera Vogel' });
    const vera = await loginThroughProvider('bund-vera');
    expect(vera.back.location).toBe('/konto');
    const page = await vera.client.get('/konto');
    expect(page.body).toContain('Guten Tag, Vera Vogel');
    expect(page.body).not.toContain('Vorab Registriert');

    await squatter.get('/anmelden');
    const attempt = await squatter.post('/anmelden', { email: 'vera.vogel@example.org', password: 'Ein Angreifer wählte dies' });
    expect(attempt.status).toBe(422);
    expect(attempt.body).toContain('E-Mail-Adresse oder Passwort ist nicht richtig.');
    const after = await findUserByEmail(accountsDb(platform.ctx.db), 'vera.vogel@example.org');
    expect(after).toMatchObject({ id: before!.id, password_hash: null, display_name: 'Vera Vogel' });
    expect(after?.email_verified_at).toBeInstanceOf(Date);
    const links = await accountsDb(platform.ctx.db).selectFrom('account_tokens').select('purpose').where('user_id', '=', before!.id).execute();
    expect(links).toEqual([]);
  });

  it('keeps the external login while the account exists and deletes it with the account, as its retention rule says', async () => {
    provider.identities.set('bund-leaving', { email: 'lena.geht@example.org', email_verified: true, name: 'Lena Geht' });
    const { client } = await loginThroughProvider('bund-leaving');
    const user = await findUserByEmail(accountsDb(platform.ctx.db), 'lena.geht@example.org');
    const identities = () => accountsDb(platform.ctx.db).selectFrom('oidc_identities').select('subject').where('user_id', '=', user!.id).execute();
    // A month of the module's retention rules later the login is still there: the account still exists.
    const rules = platform.ctx.modules.find((module) => module.id === 'accounts')?.retention ?? [];
    expect(rules.map((rule) => rule.id)).toContain('accounts.external-logins');
    for (const rule of rules) await rule.purge(platform.ctx.db, new Date(Date.now() + 30 * 86_400_000), platform.ctx.config, platform.ctx);
    expect(await identities()).toEqual([{ subject: 'bund-leaving' }]);

    await client.get('/konto/loeschen');
    const deleted = await client.post('/konto/loeschen', { confirm: 'LÖSCHEN' });
    expect(deleted.body).toContain('Ihr Konto ist gelöscht');
    expect(await identities()).toEqual([]);
    expect(await findUserByEmail(accountsDb(platform.ctx.db), 'lena.geht@example.org')).toBeUndefined();
  });

  it('keeps with the session the level of assurance the provider vouched for at this login, and none when it named none or one unknown', async () => {
    const levelOfSession = async (email: string) => {
      const user = await findUserByEmail(accountsDb(platform.ctx.db), email);
      const rows = await platform.ctx.db.selectFrom('sessions').select('data').where('user_id', '=', user!.id).execute();
      return rows.map((row) => sessionAssurance(row.data));
    };
    provider.identities.set('bund-eid', { email: 'erika.eid@example.org', email_verified: true, name: 'Erika Eid', acr: 'http://eidas.europa.eu/LoA/substantial' });
    const substantial = await loginThroughProvider('bund-eid');
    expect(substantial.back.location).toBe('/konto');
    expect(await levelOfSession('erika.eid@example.org')).toEqual(['substantial']);

    provider.identities.set('bund-stork', { email: 'otto.stork@example.org', email_verified: true, name: 'Otto Stork', acr: 'STORK-QAA-Level-4' });
    await loginThroughProvider('bund-stork');
    expect(await levelOfSession('otto.stork@example.org')).toEqual(['high']);

    provider.identities.set('bund-plain', { email: 'paul.plain@example.org', email_verified: true, name: 'Paul Plain' });
    await loginThroughProvider('bund-plain');
    provider.identities.set('bund-odd', { email: 'olga.odd@example.org', email_verified: true, name: 'Olga Odd', acr: 'urn:example:gold' });
    await loginThroughProvider('bund-odd');
    expect(await levelOfSession('paul.plain@example.org')).toEqual([null]);
    expect(await levelOfSession('olga.odd@example.org')).toEqual([null]);

    // A later sign-in by password says nothing of the provider's level, even in the same browser.
    const { client } = substantial;
    await client.post('/abmelden', {});
    expect(await levelOfSession('erika.eid@example.org')).toEqual([]);
  });

  it('reads the levels of eIDAS and of the STORK QAA scale German brokers send, and nothing else', () => {
    expect(assuranceOf('http://eidas.europa.eu/LoA/low')).toBe('low');
    expect(assuranceOf('http://eidas.europa.eu/LoA/high')).toBe('high');
    expect(assuranceOf('STORK-QAA-Level-3')).toBe('substantial');
    expect(assuranceOf('STORK-QAA-Level-1')).toBe('low');
    for (const other of ['substantial', 'http://eidas.europa.eu/LoA/Substantial', 'toString', '', 3, null, undefined, ['STORK-QAA-Level-4']]) expect(assuranceOf(other)).toBeNull();
    expect(sessionAssurance({ identityAssurance: 'high' })).toBe('high');
    expect(sessionAssurance({ identityAssurance: 'gold' })).toBeNull();
    expect(sessionAssurance({})).toBeNull();
    expect(sessionAssurance(null)).toBeNull();
  });

  it('refuses a callback that does not belong to a login it started', async () => {
    const client = new FormClient(platform.app);
    const forged = await client.get('/anmelden/oidc/rueckkehr?code=abc&state=forged');
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('Die Anmeldung über Test-ID hat nicht geklappt.');
  });
});
