import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { buildOffice } from '#modules/catalog/test/builders.ts';
import { signInCitizen } from '#modules/notify/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { readPdf } from '#test/pdf.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { shippedForms } from './forms/index.ts';
import { applicationsDb, insertFormVersion, retirePublished } from './repo.forms.ts';
import { answerPages, publishShippedForm, startForm } from './test/builders.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await createTestPlatform();
  await publishShippedForm(platform.ctx, 'kontakt');
  await publishShippedForm(platform.ctx, 'hundesteuer-anmeldung');
});
afterAll(async () => {
  await platform.close();
});

const cookieOf = (client: FormClient) => [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

async function pdfText(payload: Buffer): Promise<string> {
  const pdf = await readPdf(payload);
  return pdf.text(1, pdf.pages);
}

describe('the blank form to print', () => {
  it('is the published version with the receiving office’s address, the same for every visitor, and cacheable', async () => {
    const first = await platform.app.inject({ url: '/antraege/hundesteuer-anmeldung/formular.pdf' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['content-disposition']).toBe('inline; filename="Formular-hundesteuer-anmeldung.pdf"');
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    expect(first.headers.vary).toContain('Cookie');
    const text = await pdfText(first.rawPayload);
    expect(text).toContain(shippedForms.find((form) => form.key === 'hundesteuer-anmeldung')!.title.de);
    expect(text).toContain('Bitte senden Sie das ausgefüllte Formular an:');
    expect(text).toContain('Stadt Erkelenz');
    expect(text).toContain('Amt für hundesteuer-anmeldung');
    expect(text).toContain('Johannismarkt 17');
    expect(text).toContain('41812 Erkelenz');
    expect(text).toContain('Unterschrift');

    const second = await platform.app.inject({ url: '/antraege/hundesteuer-anmeldung/formular.pdf' });
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(Buffer.compare(second.rawPayload, first.rawPayload)).toBe(0);
    const unchanged = await platform.app.inject({ url: '/antraege/hundesteuer-anmeldung/formular.pdf', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.rawPayload).toHaveLength(0);
  });

  it('speaks the reader’s language, without a shared cache keeping the answer that sets the language', async () => {
    const english = await platform.app.inject({ url: '/antraege/kontakt/formular.pdf?lang=en' });
    expect(english.statusCode).toBe(200);
    expect(english.headers['cache-control']).not.toContain('public');
    const text = await pdfText(english.rawPayload);
    expect(text).toContain('Please send the completed form to:');
    expect(text).toContain('Signature');
  });

  it('follows a new publication of the form, and is not there for a form nobody published', async () => {
    const before = await platform.app.inject({ url: '/antraege/kontakt/formular.pdf' });
    const contact = shippedForms.find((form) => form.key === 'kontakt')!;
    const db = applicationsDb(platform.ctx.db);
    await retirePublished(db, 'kontakt');
    await insertFormVersion(db, { definition: { ...contact, title: { de: 'Kontakt zur Stadt, neu gefasst', en: 'Contact the city' } }, version: 2, createdBy: null, status: 'published' });
    const after = await platform.app.inject({ url: '/antraege/kontakt/formular.pdf' });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(await pdfText(after.rawPayload)).toContain('Kontakt zur Stadt, neu gefasst');

    // A form whose office is missing from the catalogue still prints, addressed to the city.
    await buildOffice(platform.ctx, { slug: 'nur-entwurf' }, { publish: false });
    await insertFormVersion(db, { definition: { ...contact, key: 'ohne-amt', office: 'nur-entwurf' }, version: 1, createdBy: null, status: 'published' });
    const addressedToCity = await platform.app.inject({ url: '/antraege/ohne-amt/formular.pdf' });
    expect(addressedToCity.statusCode).toBe(200);
    const toCity = await pdfText(addressedToCity.rawPayload);
    expect(toCity).toContain('Stadt Erkelenz');
    expect(toCity).not.toContain('Johannismarkt 17');

    expect((await platform.app.inject({ url: '/antraege/gibt-es-nicht/formular.pdf' })).statusCode).toBe(404);
    expect((await platform.app.inject({ url: '/antraege/Kein_Formular!/formular.pdf' })).statusCode).toBe(400);
  });
});

describe('a draft to print', () => {
  it('carries the answers so far, only for the browser that holds the draft, kept by no cache, and the printing is recorded', async () => {
    const guest = new FormClient(platform.app);
    const first = await startForm(guest, 'kontakt');
    const next = await answerPages(guest, first, [{ topic: 'question' }, { message: 'Wann öffnet das Bürgerbüro am Samstag?' }]);
    const draftId = /entwurf\/([0-9a-f-]{36})\//.exec(next.location!)![1]!;
    const url = `/antraege/entwurf/${draftId}/formular.pdf`;

    const printed = await platform.app.inject({ url, headers: { cookie: cookieOf(guest) } });
    expect(printed.statusCode).toBe(200);
    expect(printed.headers['cache-control']).toBe('no-store');
    expect(printed.headers['content-disposition']).toBe('inline; filename="Antrag-kontakt.pdf"');
    expect(await pdfText(printed.rawPayload)).toContain('Wann öffnet das Bürgerbüro am Samstag?');
    const recorded = await sql<{ count: string }>`select count(*) from audit_log where action = 'applications.draft-printed' and subject_id = ${draftId}`.execute(platform.ctx.db);
    expect(Number(recorded.rows[0]!.count)).toBe(1);

    const stranger = await platform.app.inject({ url, headers: { cookie: cookieOf(new FormClient(platform.app)) } });
    expect(stranger.statusCode).toBe(404);
    expect(stranger.body).not.toContain('Samstag');
    expect((await platform.app.inject({ url: '/antraege/entwurf/keine-id/formular.pdf' })).statusCode).toBe(400);
  });

  it('is linked from "check your answers", and a signed-in person’s draft prints for that person alone', async () => {
    const citizen = await buildCitizen(platform.ctx, { display_name: 'Frieda Druck' });
    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);
    const first = await startForm(client, 'kontakt');
    const check = await answerPages(client, first, [
      { topic: 'idea' },
      { message: 'Ein Trinkbrunnen am Markt.' },
      {},
      { givenName: 'Frieda', familyName: 'Druck' },
      { answerBy: 'email' },
      { email: citizen.user.email! },
    ]);
    const page = await client.get(check.location!);
    const link = /href="(\/antraege\/entwurf\/[0-9a-f-]{36}\/formular\.pdf)"/.exec(page.body)?.[1];
    expect(link).toBeDefined();
    const printed = await platform.app.inject({ url: link!, headers: { cookie: cookieOf(client) } });
    expect(printed.statusCode).toBe(200);
    expect(printed.headers['cache-control']).toBe('no-store');
    const text = await pdfText(printed.rawPayload);
    expect(text).toContain('Ein Trinkbrunnen am Markt.');
    expect(text).toContain('Frieda');

    const other = new FormClient(platform.app);
    await signInCitizen(other, await buildCitizen(platform.ctx));
    expect((await platform.app.inject({ url: link!, headers: { cookie: cookieOf(other) } })).statusCode).toBe(404);
  });
});
