import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { passwordProblem } from './passwords.ts';
import { buildCitizen, buildStaff, signInStaff } from './test/builders.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const hanna = { email: 'hanna.schmitz@example.org', name: 'Hanna Schmitz', cityName: 'Erkelenz', now: new Date('2026-06-01T10:00:00Z') };

describe('12.11 weak passwords are refused, and the person is told why', () => {
  it('12.11 refuses common passwords, German ones among them, from the offline list', async () => {
    for (const password of ['passwort1234', '123456789012', 'hallo12345678', 'Schatzi123456', 'fcbayernmuenchen', 'Passwort1234!', 'schalke04schalke04']) {
      expect({ password, problem: await passwordProblem(password, hanna) }).toEqual({ password, problem: expect.stringMatching(/passwordCommon|passwordPattern/) });
    }
    expect(await passwordProblem('passwort1234', hanna)).toBe('accounts:errors.passwordCommon');
    expect(await passwordProblem('qwertzuiop12', hanna)).toBe('accounts:errors.passwordPattern');
  });

  it('12.11 refuses passwords built from the city, the person’s name and address, and the year', async () => {
    const refused = ['erkelenz2026', 'Erkelenz2026!', '3rk3l3nz-2026', 'Hanna Schmitz 2026', 'SchmitzHanna!!', 'hanna.schmitz99!', 'Sonnenschein2026'];
    for (const password of refused) expect({ password, problem: await passwordProblem(password, hanna) }).toEqual({ password, problem: expect.stringMatching(/passwordContext|passwordContainsEmail/) });
    // The city is the configured one, and the year the current one.
    expect(await passwordProblem('Mönchengladbach2031', { ...hanna, cityName: 'Mönchengladbach', now: new Date('2031-03-01') })).toBe('accounts:errors.passwordContext');
    expect(await passwordProblem('Mönchengladbach2031', hanna)).not.toBe('accounts:errors.passwordContext');
  });

  it('12.11 accepts a sentence someone can remember', async () => {
    for (const password of ['Mein Hund heißt Bello 2026', 'Kaffee mit Milch am Morgen', 'Lena wohnt in Erkelenz seit 2026']) expect(await passwordProblem(password, hanna)).toBeNull();
  });

  it('12.11 refuses them at registration, reset and invitation with a message in plain German or English', async () => {
    const client = new FormClient(platform.app);
    await client.get('/registrieren');
    const registration = await client.post('/registrieren', { displayName: 'Hanna Schmitz', email: 'hanna.s@example.org', password: 'passwort1234', passwordRepeat: 'passwort1234', privacy: 'yes' });
    expect(registration.status).toBe(422);
    expect(registration.body).toContain('Dieses Passwort steht – genau so oder kaum verändert – auf den Listen der häufigsten Passwörter');
    await client.get('/registrieren?lang=en');
    const english = await client.post('/registrieren', { displayName: 'Hanna Schmitz', email: 'hanna.s@example.org', password: 'HannaSchmitz2026', passwordRepeat: 'HannaSchmitz2026', privacy: 'yes' });
    expect(english.status).toBe(422);
    expect(english.body).toContain('This password is easy to guess because it builds on obvious facts: the name of the city, your name');

    const { user } = await buildCitizen(platform.ctx);
    const resetter = new FormClient(platform.app);
    await resetter.get('/passwort-vergessen');
    await resetter.post('/passwort-vergessen', { email: user.email! });
    await platform.runJobs();
    const resetLink = /(\/passwort-neu\?token=[\w-]+)/.exec(platform.smtp.lastTo(user.email!)?.text ?? '')?.[1];
    await resetter.get(resetLink!);
    const token = new URL(resetLink!, 'http://x').searchParams.get('token')!;
    const reset = await resetter.post('/passwort-neu', { token, password: 'erkelenz2026', passwordRepeat: 'erkelenz2026' });
    expect(reset.status).toBe(422);
    expect(reset.body).toContain('weil es auf naheliegenden Angaben aufbaut: dem Namen der Stadt');

    const admin = await buildStaff(platform.ctx, [{ role: 'administrator' }]);
    const adminClient = new FormClient(platform.app);
    await signInStaff(adminClient, admin);
    await adminClient.get('/verwaltung/mitarbeitende/neu');
    await adminClient.post('/verwaltung/mitarbeitende/neu', { displayName: 'Tom Test', email: 'tom.test@erkelenz.example', roles: 'editor' });
    await platform.runJobs();
    const inviteLink = /(\/einladung\?token=[\w-]+)/.exec(platform.smtp.lastTo('tom.test@erkelenz.example')?.text ?? '')?.[1];
    const newcomer = new FormClient(platform.app);
    await newcomer.get(inviteLink!);
    const inviteToken = new URL(inviteLink!, 'http://x').searchParams.get('token')!;
    const invited = await newcomer.post('/einladung', { token: inviteToken, password: '123456789012', passwordRepeat: '123456789012' });
    expect(invited.status).toBe(422);
    expect(invited.body).toContain('auf den Listen der häufigsten Passwörter');
    // A good one still works, and the link was not used up by the refusal.
    const accepted = await newcomer.post('/einladung', { token: inviteToken, password: 'Tom mag grünen Tee', passwordRepeat: 'Tom mag grünen Tee' });
    expect(accepted.location).toBe('/anmelden?notice=password-set');
  });
});
