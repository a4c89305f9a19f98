import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { binaryPdf, signInCitizen } from '#modules/notify/test/builders.ts';
import { buildStreet } from '#modules/streets/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { signInAtProvider, startOidcProvider, type OidcPeer } from '#test/oidc-provider.ts';
import { readPdf } from '#test/pdf.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { applicationsDb } from './repo.forms.ts';
import { answerPages, publishShippedForm, startForm } from './test/builders.ts';
import { confirmationOf } from './test/confirmations.ts';

const publicUrl = 'http://localhost:3000';
let platform: TestPlatform;
let provider: OidcPeer;
let zoned: string;
let unzoned: string;

beforeAll(async () => {
  provider = await startOidcProvider(`${publicUrl}/anmelden/oidc/rueckkehr`);
  platform = await createTestPlatform({ PUBLIC_URL: publicUrl, OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret });
  await publishShippedForm(platform.ctx, 'bewohnerparkausweis');
  await publishShippedForm(platform.ctx, 'meldebescheinigung');
  zoned = (await buildStreet(platform.ctx.db, { name: 'Zonenweg', parkingZone: 'B' })).name;
  unzoned = (await buildStreet(platform.ctx.db, { name: 'Feldrain' })).name;
});
afterAll(async () => {
  await platform?.close();
  await provider?.close();
});

const db = () => applicationsDb(platform.ctx.db);
const draftIdOf = (url: string) => /entwurf\/([0-9a-f-]{36})\//.exec(url)![1]!;
const caseOfDraft = (draftId: string) => db().selectFrom('application_cases').selectAll().where('draft_id', '=', draftId).executeTakeFirstOrThrow();

/** The residents' parking permit up to its address page. */
async function parkingUpToAddress(client: FormClient): Promise<string> {
  const first = await startForm(client, 'bewohnerparkausweis');
  const next = await answerPages(client, first, [{ givenName: 'Ruth', familyName: 'Parker' }]);
  expect(next.location).toMatch(/seite\/addressPage$/);
  return next.location!;
}

/** The residents' parking permit filled in to "check your answers", living at `street` 12 as typed. */
async function parkingUpToCheck(client: FormClient, street: string): Promise<string> {
  const address = await parkingUpToAddress(client);
  const plate = await answerPages(client, address, [{ addressStreet: street, addressHouseNumber: '12', addressPostcode: '41812' }, { licencePlate: 'ERK-RP 12' }, { vehicleUse: 'owned' }]);
  expect(plate.location).toMatch(/seite\/registrationPage$/);
  await client.get(plate.location!);
  const uploaded = await client.postMultipart(plate.location!, {}, { registrationCertificate: { name: 'schein.pdf', type: 'application/pdf', content: binaryPdf('Zulassung') } });
  expect(uploaded.status).toBe(303);
  const check = await answerPages(client, uploaded.location!, [{ phone: '', email: '' }]);
  expect(check.location).toMatch(/\/pruefen$/);
  return check.location!;
}

describe('residents’ parking (procedure residentsParking)', () => {
  it('refuses on the address page a street without a zone or outside the register, asks no town, and saves nothing refused', async () => {
    const client = new FormClient(platform.app);
    const address = await parkingUpToAddress(client);
    const page = await client.get(address);
    expect(page.status).toBe(200);
    expect(page.body).toContain('name="addressStreet"');
    // The town is the city's: an address limited to the city does not ask for it.
    expect(page.body).not.toContain('name="addressTown"');

    const withoutZone = await client.post(address, { addressStreet: unzoned, addressHouseNumber: '3', addressPostcode: '41812' });
    expect(withoutZone.status).toBe(422);
    expect(withoutZone.body).toContain(`Die Straße „${unzoned}“ liegt in keiner Bewohnerparkzone.`);
    expect(withoutZone.body).toContain(`value="${unzoned}"`);

    const unknown = await client.post(address, { addressStreet: 'Nirgendwostraße', addressHouseNumber: '3', addressPostcode: '41812' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toContain('Die Straße „Nirgendwostraße“ steht nicht in unserem Straßenverzeichnis.');

    const draft = await db().selectFrom('application_drafts').select('answers').where('id', '=', draftIdOf(address)).executeTakeFirstOrThrow();
    expect(draft.answers).toEqual({ givenName: 'Ruth', familyName: 'Parker' });

    const english = await client.post(`${address}?lang=en`, { addressStreet: unzoned, addressHouseNumber: '3', addressPostcode: '41812' });
    expect(english.status).toBe(422);
    expect(english.body).toContain(`“${unzoned}” is not in a residents’ parking zone.`);
  });

  it('stores the zone of the street with the case, and shows it on "check your answers" and the receipt', async () => {
    const client = new FormClient(platform.app);
    // Written as people write it: the register's spelling is what the zone is found by.
    const check = { location: await parkingUpToCheck(client, zoned.toLowerCase()) };

    const shown = await client.get(check.location);
    expect(shown.status).toBe(200);
    const section = /<section aria-labelledby="section-addressPage"[\s\S]*?<\/section>/.exec(shown.body)?.[0] ?? '';
    expect(section).toContain('Bewohnerparkzone');
    expect(section).toContain('Zone B');

    const sent = await client.post(check.location.replace('/pruefen', '/absenden'), { declared: 'on' });
    expect(sent.status).toBe(303);
    const made = await caseOfDraft(draftIdOf(check.location));
    expect(made.answers).toMatchObject({ address: { street: zoned.toLowerCase(), houseNumber: '12', postcode: '41812', town: 'Erkelenz' }, parkingZone: 'B' });

    const receipt = await platform.app.inject({ url: `/antraege/vorgang/${made.id}/eingangsbestaetigung.pdf`, headers: { cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ') } });
    expect(receipt.statusCode).toBe(200);
    const pdf = await readPdf(receipt.rawPayload);
    const text = await pdf.text(1, pdf.pages);
    expect(text).toContain('Bewohnerparkzone');
    expect(text).toContain('Zone B');
  });

  it('leads back to the address page when the street lost its zone in the register before the application was sent', async () => {
    const street = await buildStreet(platform.ctx.db, { name: 'Wandelgasse', parkingZone: 'C' });
    const client = new FormClient(platform.app);
    const check = await parkingUpToCheck(client, street.name);
    // As an import of a new register would: the street stays, its zone is gone.
    await sql`update streets set parking_zone = null where id = ${street.id}`.execute(platform.ctx.db);
    await client.get(check);
    const early = await client.post(check.replace('/pruefen', '/absenden'), { declared: 'on' });
    expect(early.status).toBe(303);
    expect(early.location).toMatch(/seite\/addressPage\?aendern=1$/);
    expect(await db().selectFrom('application_cases').select('id').where('draft_id', '=', draftIdOf(check)).executeTakeFirst()).toBeUndefined();
    const again = await client.get(early.location!);
    const refused = await client.post(early.location!, { addressStreet: street.name, addressHouseNumber: '12', addressPostcode: '41812' });
    expect(again.status).toBe(200);
    expect(refused.status).toBe(422);
    expect(refused.body).toContain(`Die Straße „${street.name}“ liegt in keiner Bewohnerparkzone.`);
  });
});

/** The confirmation of registration, from the start to "check your answers", registered at `street` 7. */
async function certificateUpToCheck(client: FormClient, street: string): Promise<string> {
  const first = await startForm(client, 'meldebescheinigung');
  const check = await answerPages(client, first, [
    { certificateKind: 'simple' },
    { purpose: 'Wohnungsbewerbung' },
    { givenName: 'Greta', familyName: 'Gemeldet' },
    { dateOfBirth: '15.03.1961' },
    { addressStreet: street, addressHouseNumber: '7', addressPostcode: '41812' },
  ]);
  expect(check.location).toMatch(/\/pruefen$/);
  return check.location!;
}

async function send(client: FormClient, check: string) {
  await client.get(check);
  const sent = await client.post(check.replace('/pruefen', '/absenden'), { declared: 'on' });
  expect(sent.status).toBe(303);
  const made = await caseOfDraft(draftIdOf(check));
  await platform.runJobs();
  return { made, confirmation: await client.get(sent.location!) };
}

describe('confirmation of registration (procedure registrationCertificate)', () => {
  it('sends the confirmation of a citizen signed in by password only by letter to the registered address, with the receipt, whatever the account prefers', async () => {
    const citizen = await buildCitizen(platform.ctx, { preferred_channel: 'digital', street: 'Kontoweg', house_number: '1', postal_code: '41812', city: 'Erkelenz' });
    const client = new FormClient(platform.app);
    await signInCitizen(client, citizen);
    const { made, confirmation } = await send(client, await certificateUpToCheck(client, zoned));
    expect(made.user_id).toBe(citizen.user.id);
    expect(made.applicant.identityAssurance).toBeUndefined();

    const sent = await confirmationOf(platform.ctx, made.id);
    expect(sent?.channels).toEqual(['letter']);
    expect(sent?.postalAddress).toEqual({ street: zoned, houseNumber: '7', postalCode: '41812', city: 'Erkelenz' });
    expect(sent?.email).toBeNull();
    expect(sent?.attachments.map((attachment) => attachment.filename)).toEqual([`Eingangsbestaetigung-${made.reference}.pdf`]);
    expect(sent?.attachments[0]?.text).toContain('Greta');
    expect(platform.smtp.lastTo(citizen.user.email!)?.text ?? '').not.toContain(made.reference);
    expect(confirmation.body).toContain('Sie erhalten die Eingangsbestätigung mit allen Angaben per Post.');
  });

  it('lets a citizen who signed in at level "substantial" receive it in the account, as any message', async () => {
    provider.identities.set('melde-eid', { email: 'greta.eid@example.org', email_verified: true, name: 'Greta Eid', acr: 'http://eidas.europa.eu/LoA/substantial' });
    const client = new FormClient(platform.app);
    await client.get('/anmelden');
    const started = await client.get('/anmelden/oidc');
    const back = await client.get((await signInAtProvider(started.location!, 'melde-eid', publicUrl)).slice(publicUrl.length));
    expect(back.location).toBe('/konto');

    const { made, confirmation } = await send(client, await certificateUpToCheck(client, zoned));
    expect(made.applicant.identityAssurance).toBe('substantial');
    const sent = await confirmationOf(platform.ctx, made.id);
    expect(sent?.userId).toBe(made.user_id);
    expect(sent?.channels).toEqual(['email', 'inbox']);
    expect(sent?.attachments).toEqual([]);
    expect(platform.smtp.lastTo('greta.eid@example.org')?.text).toContain(made.reference);
    expect(confirmation.body).toContain('Wir haben Ihnen eine Bestätigung per E-Mail geschickt.');
  });

  it('treats a level below "substantial" like a sign-in by password', async () => {
    provider.identities.set('melde-low', { email: 'greta.low@example.org', email_verified: true, name: 'Greta Low', acr: 'http://eidas.europa.eu/LoA/low' });
    const client = new FormClient(platform.app);
    const started = await client.get('/anmelden/oidc');
    await client.get((await signInAtProvider(started.location!, 'melde-low', publicUrl)).slice(publicUrl.length));
    const { made } = await send(client, await certificateUpToCheck(client, zoned));
    expect(made.applicant.identityAssurance).toBe('low');
    expect((await confirmationOf(platform.ctx, made.id))?.channels).toEqual(['letter']);
  });
});
