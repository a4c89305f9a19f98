import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen, buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { FormClient, type Response } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';

/*
 * Headers and cookies, on a platform reached over plain http (a developer's machine) and on one whose
 * PUBLIC_URL is https (production).
 */

let plain: TestPlatform;
let secure: TestPlatform;

beforeAll(async () => {
  [plain, secure] = await Promise.all([createTestPlatform(), createTestPlatform({ PUBLIC_URL: 'https://erkelenz.example' })]);
});
afterAll(async () => {
  await Promise.all([plain.close(), secure.close()]);
});

function setCookies(response: Response): string[] {
  return [response.headers['set-cookie'] ?? []].flat().map(String);
}

async function signedInCitizen(platform: TestPlatform) {
  const { user, password } = await buildCitizen(platform.ctx);
  const client = new FormClient(platform.app);
  await client.get('/anmelden');
  const login = await client.post('/anmelden', { email: user.email!, password });
  return { client, login };
}

describe('responses to signed-in people', () => {
  it('12.9 are never stored by a cache: Mein Konto, the back office, public pages and the sign-in that sets the cookie', async () => {
    const { client, login } = await signedInCitizen(plain);
    expect(setCookies(login).some((cookie) => cookie.startsWith('session='))).toBe(true);
    expect(login.headers['cache-control']).toBe('no-store');
    for (const url of ['/konto', '/konto/einstellungen', '/leistungen', '/']) {
      const response = await client.get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
    const admin = new FormClient(plain.app);
    await signInStaff(admin, await buildStaff(plain.ctx, [{ role: 'administrator' }]));
    for (const url of ['/verwaltung', '/verwaltung/mitarbeitende', '/verwaltung/protokoll', '/leistungen']) {
      const response = await admin.get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('12.9 leave public pages for visitors and static files cacheable', async () => {
    const visitor = new FormClient(plain.app);
    // Shared caches may keep a visitor's page for the rest of its minute; browsers ask again with its tag.
    expect((await visitor.get('/leistungen')).headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+$/);
    const { client } = await signedInCitizen(plain);
    expect((await client.get('/assets/app.css')).headers['cache-control']).toMatch(/^public/);
  });
});

describe('cookies and security headers', () => {
  it('12.10 mark the CSRF and language cookies Secure with the __Host- prefix when PUBLIC_URL is https', async () => {
    const visitor = new FormClient(secure.app);
    const english = await visitor.get('/?lang=en');
    const language = setCookies(english).find((cookie) => cookie.startsWith('__Host-lang=en'));
    expect(language).toMatch(/; Path=\/; .*HttpOnly; Secure; SameSite=Lax/);
    expect(language).not.toMatch(/Domain=/);
    // The cookie is read back under its prefixed name.
    expect((await visitor.get('/leistungen')).body).toContain('<html lang="en"');
    const form = await visitor.get('/anmelden');
    const csrf = setCookies(form).find((cookie) => cookie.startsWith('__Host-csrf='));
    expect(csrf).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    // Over plain http the names stay unprefixed and the cookies without Secure, or the browser would drop them.
    const local = await new FormClient(plain.app).get('/anmelden?lang=de');
    expect(setCookies(local).map((cookie) => cookie.split('=')[0]).sort()).toEqual(['csrf', 'lang']);
    expect(setCookies(local).some((cookie) => cookie.includes('Secure'))).toBe(false);
  });

  it('12.10 set the language cookie the same way when the language is chosen in Mein Konto', async () => {
    const { client } = await signedInCitizen(secure);
    await client.get('/konto/einstellungen');
    const saved = await client.post('/konto/einstellungen', { displayName: 'Erika Muster', preferredChannel: 'digital', language: 'en' });
    expect(saved.status).toBe(303);
    expect(setCookies(saved).find((cookie) => cookie.startsWith('__Host-lang=en'))).toMatch(/Secure/);
    expect(setCookies(saved).some((cookie) => cookie.startsWith('lang='))).toBe(false);
  });

  it('12.10 send a strict Permissions-Policy, refuse framing consistently, and send HSTS only over https', async () => {
    const local = await new FormClient(plain.app).get('/');
    const policy = String(local.headers['permissions-policy']);
    for (const denied of ['camera=()', 'microphone=()', 'payment=()', 'usb=()']) expect(policy).toContain(denied);
    expect(policy).toContain('geolocation=(self)');
    expect(local.headers['x-frame-options']).toBe('DENY');
    expect(local.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(local.headers['strict-transport-security']).toBeUndefined();
    const production = await new FormClient(secure.app).get('/');
    expect(production.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(production.headers['permissions-policy']).toBe(policy);
  });
});
