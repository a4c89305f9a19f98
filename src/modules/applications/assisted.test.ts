import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInBerlin } from '#kernel/calendar.ts';
import { buildCitizen, buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { signInCitizen } from '#modules/notify/test/builders.ts';
import { buildStreet } from '#modules/streets/test/builders.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient } from '#test/http-client.ts';
import { readPdf } from '#test/pdf.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { shippedForms } from './forms/index.ts';
import { applicationsDb, insertFormVersion } from './repo.forms.ts';
import { answerPages, publishShippedForm } from './test/builders.ts';
import { caseworkerOf, type Caseworker } from './test/casework.ts';
import { confirmationOf } from './test/confirmations.ts';

let platform: TestPlatform;
let bulkyOffice: string;
let contactOffice: string;
let clerk: Caseworker;
let street: string;

beforeAll(async () => {
  platform = await createTestPlatform();
  bulkyOffice = (await publishShippedForm(platform.ctx, 'sperrmuell')).officeId;
  contactOffice = (await publishShippedForm(platform.ctx, 'kontakt')).officeId;
  // A form only account holders may send, received by the same office as bulky waste.
  const contact = shippedForms.find((form) => form.key === 'kontakt')!;
  await insertFormVersion(applicationsDb(platform.ctx.db), { definition: { ...contact, office: undefined, key: 'sperrmuell-konto', service: 'sperrmuell', access: 'account' }, version: 1, createdBy: null, status: 'published' });
  clerk = await caseworkerOf(platform, bulkyOffice, 'Sabine Schalter');
  street = (await buildStreet(platform.ctx.db, { name: 'Sperrgutweg' })).name;
});
afterAll(async () => {
  await platform.close();
});

const db = () => applicationsDb(platform.ctx.db);
const draftIdOf = (url: string) => /entwurf\/([0-9a-f-]{36})\//.exec(url)![1]!;
/** What the audit log holds of one person's actions on one thing, oldest first. */
const auditActions = async (userId: string, subjectId: string) =>
  (await sql<{ action: string }>`select action from audit_log where actor_id = ${userId} and subject_id = ${subjectId} order by id`.execute(platform.ctx.db)).rows.map((row) => row.action);

/** The caseworker's start: the form, the channel and, if given, the citizen's account. */
async function enter(worker: Caseworker, fields: Record<string, string>) {
  await worker.client.get('/verwaltung/antraege/neu');
  return worker.client.post('/verwaltung/antraege/neu', fields);
}

/** Bulky waste as the applicant tells it on the phone, from the first page to "check your answers". */
async function bulkyWasteUpToCheck(worker: Caseworker, firstPage: string, contact: Record<string, string> = { phone: '02431 123456', email: '' }) {
  const check = await answerPages(worker.client, firstPage, [
    { givenName: 'Karl', familyName: 'Kein-Netz' },
    { pickupAddressStreet: street, pickupAddressHouseNumber: '4', pickupAddressPostcode: '41812' },
    { items1Item: 'sofa', items1Count: '1' },
    { pickupDate: addDays(todayInBerlin(), 14) },
    { placement: 'kerb' },
    contact,
  ]);
  expect(check.location).toMatch(/\/pruefen$/);
  return check.location!;
}

describe('entering an application for someone', () => {
  it('is for caseworkers only: visitors are sent to sign in, citizens and other staff are refused', async () => {
    const visitor = await new FormClient(platform.app).get('/verwaltung/antraege/neu');
    expect(visitor.status).toBe(303);
    expect(visitor.location).toBe('/anmelden?notice=session-ended&next=%2Fverwaltung%2Fantraege%2Fneu');
    const citizen = new FormClient(platform.app);
    await signInCitizen(citizen, await buildCitizen(platform.ctx));
    expect((await citizen.get('/verwaltung/antraege/neu')).status).toBe(403);
    const editor = new FormClient(platform.app);
    await signInStaff(editor, await buildStaff(platform.ctx, [{ role: 'editor' }]));
    expect((await editor.get('/verwaltung/antraege/neu')).status).toBe(403);
    expect((await editor.post('/verwaltung/antraege/neu', { formKey: 'sperrmuell', channel: 'phone' })).status).toBe(403);
  });

  it('offers the forms the office receives and says at its field what is wrong, starting nothing', async () => {
    const page = await clerk.client.get('/verwaltung/antraege/neu');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<option value="sperrmuell">');
    expect(page.body).not.toContain('<option value="kontakt">');
    expect((await clerk.client.get('/verwaltung')).body).toContain('href="/verwaltung/antraege/neu"');

    const otherOffice = await enter(clerk, { formKey: 'kontakt', channel: 'paper' });
    expect(otherOffice.status).toBe(422);
    expect(otherOffice.body).toContain('Bitte wählen Sie eines der angebotenen Formulare.');
    const noChannel = await enter(clerk, { formKey: 'sperrmuell' });
    expect(noChannel.status).toBe(422);
    expect(noChannel.body).toMatch(/id="channel-error"/);
    const unconfirmed = await buildCitizen(platform.ctx, { email_verified_at: null });
    for (const email of ['niemand@example.org', unconfirmed.user.email!]) {
      const noAccount = await enter(clerk, { formKey: 'sperrmuell', channel: 'counter', email });
      expect(noAccount.status).toBe(422);
      expect(noAccount.body).toContain('Zu dieser E-Mail-Adresse gibt es kein bestätigtes Konto.');
      expect(noAccount.body).toContain(`value="${email}"`);
    }
    const accountOnly = await enter(clerk, { formKey: 'sperrmuell-konto', channel: 'paper' });
    expect(accountOnly.status).toBe(422);
    expect(accountOnly.body).toContain('Dieses Formular ist nur für Personen mit Konto.');

    const started = await db().selectFrom('application_drafts').select('id').where('entered_by', '=', clerk.staff.user.id).execute();
    expect(started).toEqual([]);
  });

  it('turns a phone call of someone without e-mail into a case by phone, confirmed by letter with the receipt attached', async () => {
    const start = await enter(clerk, { formKey: 'sperrmuell', channel: 'phone' });
    expect(start.status).toBe(303);
    expect(start.location).toMatch(/^\/antraege\/entwurf\/[0-9a-f-]{36}\/seite\/namePage$/);
    const draftId = draftIdOf(start.location!);
    expect(await db().selectFrom('application_drafts').select(['channel', 'entered_by', 'user_id']).where('id', '=', draftId).executeTakeFirstOrThrow()).toEqual({
      channel: 'phone',
      entered_by: clerk.staff.user.id,
      user_id: null,
    });

    // Nothing of the caseworker's own account is offered for the caller.
    const namePage = await clerk.client.get(start.location!);
    expect(namePage.status).toBe(200);
    expect(namePage.body).not.toContain('Angaben aus Ihrem Konto');
    expect(namePage.body).not.toContain('value="Sabine"');
    expect(namePage.body).toContain('href="/verwaltung/antraege/neu"');

    const check = await bulkyWasteUpToCheck(clerk, start.location!);
    // Nobody else opens the draft, not even a colleague of the same office.
    const colleague = await caseworkerOf(platform, bulkyOffice);
    expect((await colleague.client.get(check)).status).toBe(404);

    await clerk.client.get(check);
    const sent = await clerk.client.post(check.replace('/pruefen', '/absenden'), { declared: 'on' });
    expect(sent.status).toBe(303);
    const made = await db().selectFrom('application_cases').selectAll().where('draft_id', '=', draftId).executeTakeFirstOrThrow();
    expect(sent.location).toBe(`/verwaltung/antraege/erfasst/${made.id}`);
    expect(made).toMatchObject({ channel: 'phone', entered_by: clerk.staff.user.id, user_id: null, office_id: bulkyOffice, status: 'received' });
    expect(made.applicant).toMatchObject({ name: 'Karl Kein-Netz', email: null, phone: '+492431123456', postalAddress: { street, houseNumber: '4', postalCode: '41812', city: 'Erkelenz' } });

    const entered = await clerk.client.get(sent.location!);
    expect(entered.status).toBe(200);
    expect(entered.headers['cache-control']).toBe('no-store');
    expect(entered.body).toContain(made.reference);
    expect(entered.body).toContain('Eingegangen am Telefon und als Vorgang angelegt:');
    expect(entered.body).toContain('Die Eingangsbestätigung geht mit allen Angaben per Brief an die Person.');
    expect(entered.body).toContain(`href="/verwaltung/antraege/${made.id}"`);
    // A double click on "send" finds the same case.
    const again = await clerk.client.post(check.replace('/pruefen', '/absenden'), { declared: 'on' });
    expect(again.location).toBe(sent.location);

    const letter = await confirmationOf(platform.ctx, made.id);
    expect(letter?.channels).toEqual(['letter']);
    expect(letter?.postalAddress).toEqual({ street, houseNumber: '4', postalCode: '41812', city: 'Erkelenz' });
    expect(letter?.attachments.map((attachment) => attachment.filename)).toEqual([`Eingangsbestaetigung-${made.reference}.pdf`]);
    expect(letter?.attachments[0]?.text).toContain(made.reference);
    expect(letter?.attachments[0]?.text).toContain('am Telefon');

    const receipt = await platform.app.inject({ url: `/verwaltung/antraege/erfasst/${made.id}/eingangsbestaetigung.pdf`, headers: { cookie: [...clerk.client.cookies].map(([name, value]) => `${name}=${value}`).join('; ') } });
    expect(receipt.statusCode).toBe(200);
    const printed = await readPdf(receipt.rawPayload);
    expect(await printed.text(1, printed.pages)).toContain('Karl Kein-Netz');
    expect((await colleague.client.get(sent.location!)).status).toBe(404);

    const actions = await auditActions(clerk.staff.user.id, draftId);
    expect(actions[0]).toBe('applications.assisted-started');
    expect(actions.filter((action) => action === 'applications.assisted-page-saved')).toHaveLength(6);
    const submitted = await sql<{ actor_id: string }>`select actor_id from audit_log where action = 'applications.case-submitted' and subject_id = ${made.id}`.execute(platform.ctx.db);
    expect(submitted.rows).toEqual([{ actor_id: clerk.staff.user.id }]);
    const viewed = await sql<{ count: string }>`select count(*) from audit_log where action = 'applications.entered-case-viewed' and subject_id = ${made.id}`.execute(platform.ctx.db);
    expect(Number(viewed.rows[0]!.count)).toBe(1);
  });

  it('links the case to the citizen’s account: their details are offered, their channel carries the confirmation, and it is theirs in "Meine Anträge"', async () => {
    const citizen = await buildCitizen(platform.ctx, { display_name: 'Hanna Huber', preferred_channel: 'letter', street: 'Kontoallee', house_number: '9', postal_code: '41812', city: 'Erkelenz' });
    const start = await enter(clerk, { formKey: 'sperrmuell', channel: 'counter', email: citizen.user.email!.toUpperCase() });
    expect(start.status).toBe(303);
    const draftId = draftIdOf(start.location!);
    expect((await db().selectFrom('application_drafts').select('user_id').where('id', '=', draftId).executeTakeFirstOrThrow()).user_id).toBe(citizen.user.id);

    const namePage = await clerk.client.get(start.location!);
    expect(namePage.body).toContain('Angaben aus Ihrem Konto');
    expect(namePage.body).toContain('value="Hanna"');
    const shown = await sql<{ data_subject_id: string }>`select data_subject_id from audit_log where action = 'applications.account-data-shown' and subject_id = ${draftId}`.execute(platform.ctx.db);
    expect(shown.rows[0]).toEqual({ data_subject_id: citizen.user.id });

    // The draft is the caseworker's to fill in: the citizen neither opens it nor finds it among their own.
    const own = new FormClient(platform.app);
    await signInCitizen(own, citizen);
    expect((await own.get(start.location!)).status).toBe(404);
    expect((await own.get('/konto/antraege')).body).not.toContain(draftId);

    const check = await bulkyWasteUpToCheck(clerk, start.location!, { phone: '', email: '' });
    await clerk.client.get(check);
    const sent = await clerk.client.post(check.replace('/pruefen', '/absenden'), { declared: 'on' });
    expect(sent.status).toBe(303);
    const made = await db().selectFrom('application_cases').selectAll().where('draft_id', '=', draftId).executeTakeFirstOrThrow();
    expect(made).toMatchObject({ channel: 'counter', entered_by: clerk.staff.user.id, user_id: citizen.user.id });
    expect(made.applicant.email).toBe(citizen.user.email);

    const mine = await own.get('/konto/antraege');
    expect(mine.body).toContain(made.reference);
    expect((await own.get(`/konto/antraege/${made.id}`)).status).toBe(200);
    const confirmation = await confirmationOf(platform.ctx, made.id);
    expect(confirmation?.userId).toBe(citizen.user.id);
    expect(confirmation?.channels).toEqual(['inbox', 'letter']);
    expect(confirmation?.attachments.map((attachment) => attachment.filename)).toEqual([`Eingangsbestaetigung-${made.reference}.pdf`]);
    expect((await clerk.client.get(sent.location!)).body).toContain('Der Antrag ist mit dem Konto der Person verknüpft');
  });
});


describe('the pages for entering an application', () => {
  it('are valid, accessible HTML, with errors shown, in German and English, and when no form is there to enter', async () => {
    const found: string[] = [];
    for (const url of ['/verwaltung/antraege/neu', '/verwaltung/antraege/neu?lang=en']) {
      const page = await clerk.client.get(url);
      expect(page.status).toBe(200);
      found.push(...(await htmlProblems(url, page.body)));
    }
    const refused = await enter(clerk, { formKey: '', email: 'kein-konto@example.org' });
    expect(refused.status).toBe(422);
    found.push(...(await htmlProblems('refused start', refused.body)));

    const start = await enter(clerk, { formKey: 'sperrmuell', channel: 'paper' });
    const check = await bulkyWasteUpToCheck(clerk, start.location!);
    await clerk.client.get(check);
    const sent = await clerk.client.post(check.replace('/pruefen', '/absenden'), { declared: 'on' });
    for (const url of [sent.location!, `${sent.location!}?lang=en`]) {
      const page = await clerk.client.get(url);
      expect(page.status).toBe(200);
      found.push(...(await htmlProblems(url, page.body)));
    }

    const elsewhere = await caseworkerOf(platform, contactOffice);
    await db().updateTable('application_form_versions').set({ status: 'retired' }).where('form_key', '=', 'kontakt').execute();
    const empty = await elsewhere.client.get('/verwaltung/antraege/neu');
    expect(empty.body).toContain('Für Ihre Dienststelle ist kein Antragsformular veröffentlicht.');
    found.push(...(await htmlProblems('no forms', empty.body)));
    expect(found).toEqual([]);
  });
});
