import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { seedCatalog } from '#modules/catalog/seed/index.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';

/*
 * Public pages are the same for everyone, and whatever makes them fast (a cache of rendered pages, a
 * shared fragment, a compressed copy) must keep them so: a page a signed-in citizen has seen, asked for
 * next by a visitor, carries nothing of the citizen's: not the name, not the address, not the form token
 * of the citizen's session.
 */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
  await seedCatalog(platform.ctx);
});
afterAll(async () => {
  await platform.close();
});

const publicPages = ['/', '/leistungen/personalausweis-beantragen', '/leistungen', '/dienststellen/buergerbuero', '/suche?q=Hund', '/leistungen/personalausweis-beantragen?lang=en'];

describe('public pages after a signed-in citizen', () => {
  it('show a visitor nothing of the citizen who asked for them first', async () => {
    const citizen = await buildCitizen(platform.ctx, { display_name: 'Annegret Vorbesucherin' });
    const signedIn = new FormClient(platform.app);
    await signedIn.get('/anmelden');
    const login = await signedIn.post('/anmelden', { email: citizen.user.email!, password: citizen.password });
    expect(login.status).toBe(303);
    const visitor = new FormClient(platform.app);
    for (const url of publicPages) {
      const seen = await signedIn.get(url);
      expect(seen.status, url).toBe(200);
      // The page the citizen saw is personal (the name in the header, a form token of the session) …
      expect(seen.body, url).toContain('Annegret Vorbesucherin');
      // The sign-out form in the header carries the session's form token on every page.
      const token = signedIn.csrfToken();
      expect(token, url).not.toBe('');
      const anonymous = await visitor.get(url);
      expect(anonymous.status, url).toBe(200);
      // … and none of it reaches the visitor.
      expect(anonymous.body, url).not.toContain('Annegret Vorbesucherin');
      expect(anonymous.body, url).not.toContain(citizen.user.email!);
      expect(anonymous.body, url).not.toContain(token);
    }
  });
});
