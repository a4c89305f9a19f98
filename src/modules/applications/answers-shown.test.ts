import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { readPdf } from '#test/pdf.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { ensureReceipt } from './service.receipt.ts';
import { publishShippedForm, submitCase } from './test/builders.ts';
import { caseworkerOf, guestContact, type Caseworker } from './test/casework.ts';

/*
 * The answers of a sent application as staff and the receipt show them: the rows of a group each as a
 * block headed by its row label, every answer beside its question, telephone numbers as people write them.
 */

let platform: TestPlatform;
let bulkyClerk: Caseworker;
let contactClerk: Caseworker;
beforeAll(async () => {
  platform = await createTestPlatform();
  bulkyClerk = await caseworkerOf(platform, (await publishShippedForm(platform.ctx, 'sperrmuell')).officeId, 'Sabine Sperr');
  contactClerk = await caseworkerOf(platform, (await publishShippedForm(platform.ctx, 'kontakt')).officeId, 'Konrad Kontakt');
});
afterAll(async () => {
  await platform.close();
});

const bulkyWaste = () =>
  submitCase(platform.ctx, 'sperrmuell', {
    givenName: 'Max',
    familyName: 'Muster',
    pickupAddress: { street: 'Markt', houseNumber: '3', postcode: '41812', town: 'Erkelenz' },
    items: [
      { item: 'sofa', count: 1, description: 'Dreisitzer, grau' },
      { item: 'wardrobe', count: 2, description: null },
    ],
    pickupDate: addDays(todayInBerlin(), 10),
    placement: 'kerb',
    phone: '+4924311234',
    email: null,
  });

/** The text a page shows, tags left out, so that a row's heading and its lines read in order. */
const shown = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the answers of a sent application', () => {
  it('show staff each row of a group as a block with its row label, and the telephone number readable', async () => {
    const made = await bulkyWaste();
    const page = await bulkyClerk.client.get(`/verwaltung/antraege/${made.id}`);
    expect(page.status).toBe(200);
    const text = shown(page.body);
    expect(text).toContain('Gegenstand 1 Gegenstand: Sofa oder Couch Anzahl: 1 Beschreibung: Dreisitzer, grau');
    expect(text).toContain('Gegenstand 2 Gegenstand: Schrank Anzahl: 2');
    expect(text).toContain('Telefonnummer 02431 1234');
    expect(text).not.toContain('+4924311234');
  });

  it('are in the receipt the same way', async () => {
    const made = await bulkyWaste();
    const receipt = await ensureReceipt(platform.ctx, made.id);
    const stored = await platform.ctx.files.open(receipt!.fileId);
    if (!stored.ok) throw new Error(`receipt not readable: ${stored.reason}`);
    const pdf = await readPdf(await buffer(stored.content));
    const text = (await pdf.text(1, pdf.pages)).replace(/\s+/g, ' ');
    expect(text).toContain('Gegenstand 1 Gegenstand: Sofa oder Couch Anzahl: 1 Beschreibung: Dreisitzer, grau');
    expect(text).toContain('Gegenstand 2 Gegenstand: Schrank Anzahl: 2');
    expect(text).toContain('02431 1234');
    expect(text).not.toContain('+4924311234');
  });

  it('show staff the applicant’s telephone number readable, and dial it in full', async () => {
    const made = await guestContact(platform.ctx, { answerBy: 'phone', email: null, phone: '+4924311234' });
    const page = await contactClerk.client.get(`/verwaltung/antraege/${made.id}`);
    expect(page.body).toMatch(/href="tel:\+4924311234"[^>]*>02431 1234</);
  });
});
