import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { FormClient } from '#test/http-client.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

describe('site pages', () => {
  it('serves the home page in German by default and in English on request', async () => {
    const client = new FormClient(platform.app);
    const german = await client.get('/');
    expect(german.status).toBe(200);
    expect(german.body).toContain('<html lang="de">');
    expect(german.body).toContain('Zum Inhalt springen');
    expect(german.body).toContain('action="/suche"');
    const english = await client.get('/?lang=en');
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Skip to content');
    // The choice sticks through the cookie.
    expect((await client.get('/impressum')).body).toContain('Legal notice');
  });

  it('links every legal page from the footer and serves each', async () => {
    const client = new FormClient(platform.app);
    const home = await client.get('/');
    for (const path of ['/impressum', '/datenschutz', '/barrierefreiheit', '/leichte-sprache', '/kontakt']) {
      expect(home.body).toContain(`href="${path}"`);
      expect((await client.get(path)).status).toBe(200);
    }
  });

  it('lists every retention rule on the privacy page', async () => {
    const page = await new FormClient(platform.app).get('/datenschutz');
    expect(page.body).toContain('Meldungen zur Barrierefreiheit: Name und E-Mail-Adresse werden ein Jahr nach Eingang gelöscht.');
  });

  it('answers an unknown address with a 404 page in the layout', async () => {
    const response = await new FormClient(platform.app).get('/gibt-es-nicht');
    expect(response.status).toBe(404);
    expect(response.body).toContain('Seite nicht gefunden');
    expect(response.body).toContain('class="site-footer"');
  });

  it('answers JSON clients with problem details', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toMatchObject({ status: 404, detail: expect.stringContaining('Adresse'), instance: '/api/v1/nothing' });
  });

  it('sends a strict content security policy without inline script', async () => {
    const response = await platform.app.inject({ method: 'GET', url: '/' });
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.body).not.toMatch(/<script(?![^>]*src=)/);
  });

  it('refuses an over-long search with a message instead of an error', async () => {
    const response = await new FormClient(platform.app).get(`/suche?q=${'a'.repeat(201)}`);
    expect(response.status).toBe(400);
    expect(response.body).toContain('Bitte verwenden Sie höchstens 200 Zeichen.');
  });

  it('sends a changed search address back to the search field, and takes a page number as people write it', async () => {
    const client = new FormClient(platform.app);
    for (const query of ['q=Hund&seite=zwei', `q=Hund&typ=${'x'.repeat(300)}`, 'q=Hund&seite=0']) {
      const response = await client.get(`/suche?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body, query).toContain('Die Suchadresse enthält ungültige Angaben. Bitte suchen Sie erneut.');
      expect(response.body, query).toContain('href="#q"');
    }
    const second = await client.get('/suche?q=Hund&seite=1');
    expect(second.status).toBe(200);
    expect(second.body).toContain('Hund');
  });
});

describe('what the pages promise', () => {
  // Until its module exists, nothing may offer courses.
  // Modules still to come: the pages must not promise them.
  const notInstalled = /Mängelmelder|Abfallkalender|waste calendar/;
  const offers = () => platform.ctx.modules.flatMap((module) => (module.about ? [{ module: module.id, ...module.about }] : []));
  const de = (key: string) => platform.ctx.i18n.t(key, { lng: 'de', city: 'Erkelenz' });

  it('12.24 describes on the home page exactly the installed modules, each in its own words', async () => {
    expect(offers().map((offer) => offer.module).sort()).toEqual(['accounts', 'appointments', 'catalog', 'initiatives', 'learning', 'notify', 'opendata']);
    const client = new FormClient(platform.app);
    const home = (await client.get('/')).body;
    expect(home).not.toMatch(notInstalled);
    expect(home).toContain('Was Sie bei der Stadt beantragen können, was Sie dafür brauchen und auf welchen Wegen es geht');
    const section = home.slice(home.indexOf('id="offers-heading"'), home.indexOf('</section>', home.indexOf('id="offers-heading"')));
    expect(section).toContain('Was Sie hier finden');
    for (const offer of offers()) {
      expect(section).toContain(`href="${offer.href}">${de(offer.heading)}</a>`);
      expect(section).toContain(de(offer.text));
    }
    const english = (await client.get('/?lang=en')).body;
    expect(english).not.toMatch(notInstalled);
    expect(english).toContain('What you can apply for at the city');
  });

  it('12.24 lists on the Leichte Sprache page exactly the installed modules, in their own Leichte Sprache', async () => {
    const page = (await new FormClient(platform.app).get('/leichte-sprache')).body;
    expect(page).not.toMatch(notInstalled);
    expect(page).toContain('Das sind Sachen, die Sie bei der Stadt beantragen können.');
    for (const offer of offers()) expect(page).toContain(de(offer.easyText));
  });

  it('12.24 shows demo disclaimers only when the installation runs on demo data', async () => {
    const client = new FormClient(platform.app);
    for (const path of ['/', '/impressum', '/leichte-sprache', '/kontakt']) {
      expect((await client.get(path)).body).not.toMatch(/Demonstrationsdaten|Demonstrationswerte|Stand von 2020/);
    }
    const demo = await createTestPlatform({ DEMO_DATA: 'true' });
    try {
      expect((await new FormClient(demo.app).get('/impressum')).body).toContain('Diese Installation enthält Demonstrationsdaten.');
    } finally {
      await demo.close();
    }
    // A platform seeded with every module's demo data (files loaded into the DataStore among them) takes a while.
  }, 120_000);
});

describe('accessibility feedback', () => {
  it('stores a report and mails it to the accessibility contact', async () => {
    const client = new FormClient(platform.app);
    await client.get('/barrierefreiheit');
    const response = await client.post('/barrierefreiheit', { page: '/suche', message: 'Der Kontrast ist zu schwach.', name: '', email: 'Ada@Example.org' });
    expect(response.status).toBe(200);
    const reference = /Ihre Vorgangsnummer ist (BF-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9])/.exec(response.body)?.[1];
    expect(reference).toBeDefined();
    const row = await platform.ctx.db
      .withTables<{ accessibility_feedback: { reference: string; email: string | null; name: string | null } }>()
      .selectFrom('accessibility_feedback')
      .selectAll()
      .where('reference', '=', reference!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: 'ada@example.org', name: null });
    expect(await platform.runJobs()).toBeGreaterThanOrEqual(1);
    const mail = platform.smtp.lastTo('barrierefreiheit@erkelenz.example');
    expect(mail?.subject).toBe(`Barriere gemeldet: ${reference}`);
    expect(mail?.text).toContain('Der Kontrast ist zu schwach.');
  });

  it('re-renders the form with a specific message when the description is missing', async () => {
    const client = new FormClient(platform.app);
    await client.get('/barrierefreiheit');
    const response = await client.post('/barrierefreiheit', { page: 'Startseite', message: '   ', email: 'kaputt@' });
    expect(response.status).toBe(422);
    expect(response.body).toContain('Bitte beschreiben Sie die Barriere.');
    expect(response.body).toContain('Bitte geben Sie eine E-Mail-Adresse im Format name@beispiel.de an, oder lassen Sie das Feld leer.');
    // What was typed is shown again.
    expect(response.body).toContain('value="Startseite"');
    expect(response.body).toMatch(/<title>Fehler: /);
  });

  it('stores and mails a report sent twice with the same form key once, and answers both with its reference', async () => {
    const client = new FormClient(platform.app);
    const form = (await client.get('/barrierefreiheit')).body;
    const key = /name="_formKey" value="([^"]+)"/.exec(form)?.[1] ?? '';
    expect(key).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const message = 'Das Formular springt beim Zoomen.';
    // The same page sent twice: its token and key both times (the thanks page has no form of its own).
    const posted = { message, _formKey: key, _csrf: client.csrfToken() };
    const first = await client.post('/barrierefreiheit', posted);
    const second = await client.post('/barrierefreiheit', posted);
    const reference = (body: string) => /Ihre Vorgangsnummer ist (BF-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9])/.exec(body)?.[1];
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(reference(first.body)).toBeDefined();
    expect(reference(second.body)).toBe(reference(first.body));
    const rows = await platform.ctx.db
      .withTables<{ accessibility_feedback: { reference: string; message: string } }>()
      .selectFrom('accessibility_feedback')
      .select('reference')
      .where('message', '=', message)
      .execute();
    expect(rows.map((row) => row.reference)).toEqual([reference(first.body)]);
  });

  it('keeps the form key and everything typed when the report is refused', async () => {
    const client = new FormClient(platform.app);
    const key = /name="_formKey" value="([^"]+)"/.exec((await client.get('/barrierefreiheit?lang=en')).body)?.[1] ?? '';
    const refused = await client.post('/barrierefreiheit?lang=en', { page: '/suche', name: 'Ada', email: 'ada@', message: '', _formKey: key });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain(`name="_formKey" value="${key}"`);
    for (const typed of ['value="/suche"', 'value="Ada"', 'value="ada@"']) expect(refused.body).toContain(typed);
    expect(refused.body).toContain('Please describe the barrier.');
  });

  it('refuses a post without a valid CSRF token', async () => {
    const client = new FormClient(platform.app);
    await client.get('/barrierefreiheit');
    const response = await client.post('/barrierefreiheit', { message: 'x', _csrf: 'forged' });
    expect(response.status).toBe(403);
    expect(response.body).toContain('Das Formular ist abgelaufen');
  });

  it('refuses hostile and oversized input with 4xx, never 500', async () => {
    const client = new FormClient(platform.app);
    await client.get('/barrierefreiheit');
    const tooLong = await client.post('/barrierefreiheit', { message: 'x'.repeat(6000) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toContain('„Was funktioniert nicht?“ darf höchstens 5000 Zeichen lang sein; jetzt sind es 6000.');
    const huge = await platform.app.inject({
      method: 'POST',
      url: '/barrierefreiheit',
      payload: `message=${'x'.repeat(300 * 1024)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(huge.statusCode).toBe(413);
    const wrongType = await platform.app.inject({ method: 'POST', url: '/barrierefreiheit', payload: '<x/>', headers: { 'content-type': 'application/xml' } });
    expect(wrongType.statusCode).toBe(415);
    const script = await client.post('/barrierefreiheit', { message: '<script>alert(1)</script>', page: '"><img src=x>' });
    expect(script.status).toBe(200);
    expect(script.body).not.toContain('<script>alert(1)</script>');
  });

  it('limits reports per address and says when to try again', async () => {
    const client = new FormClient(platform.app);
    await client.get('/barrierefreiheit');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) statuses.push((await client.post('/barrierefreiheit', { message: '' })).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422]);
    const last = await client.post('/barrierefreiheit', { message: '' });
    expect(last.status).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.body).toMatch(/Zu viele Versuche in kurzer Zeit\. Bitte warten Sie \d+ Sekunden/);
  });
});
