import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RoleGrant } from '#kernel/auth/actor.ts';
import { buildCitizen, buildStaff } from '#modules/accounts/test/builders.ts';
import { publishedOffice } from '#modules/catalog/index.ts';
import de from '#modules/learning/locales/de.json' with { type: 'json' };
import { coursesDb } from '#modules/learning/courses/repo.ts';
import { register } from '#modules/learning/courses/service.registration.ts';
import { buildSession } from '#modules/learning/courses/test/builders.ts';
import { sendTrainingReminders } from '#modules/learning/training/service.reminders.ts';
import { trainingCoordinator } from '#modules/learning/permissions.ts';
import { pilotGrant } from '#modules/learning/test/staff.ts';
import { bothWays, follow, logIn, logInStaff, startSite, submit, visit, type Site } from './harness.ts';

/*
 * Journeys 9 and 10, with and without JavaScript. A senior takes the self-assessment in plain German, is
 * recommended the smartphone course, is registered by phone by a digital pilot onto its full session's
 * waiting list, moves up when someone cancels and is told by letter, attends, and gets a certificate of
 * attendance by letter whose code anyone can check. A caseworker whose data-protection training runs out
 * next month is shown as due to the training coordinator, is reminded, books the staff course, attends, and
 * the record is current again. Every page is checked (axe, valid HTML, no console or CSP errors).
 */
let site: Site;

beforeAll(async () => {
  site = await startSite({ DEMO_DATA: 'true' });
});
afterAll(async () => {
  await site?.close();
});

const db = () => coursesDb(site.platform.ctx.db);
const texts = de.assessment.plain;

async function staffPage(grant: RoleGrant, javaScript: boolean): Promise<{ page: Page; id: string }> {
  const staff = await buildStaff(site.platform.ctx, [grant]);
  const page = await site.open({ javaScript });
  await logInStaff(page, staff);
  return { page, id: staff.user.id };
}

/** The demo course's sessions in order; each way of the journey takes its own. */
async function sessionOf(slug: string, index: number) {
  const sessions = await db().selectFrom('learning_sessions as s').innerJoin('learning_courses as c', 'c.id', 's.course_id').select(['s.id', 's.capacity']).where('c.slug', '=', slug).orderBy('s.starts_at').execute();
  return sessions[index]!;
}

/** The session has begun: its first meeting an hour ago (and its deadline for the minimum before that). */
async function begin(sessionId: string) {
  const now = Date.now();
  await db().updateTable('learning_sessions').set({ starts_at: new Date(now - 3_600_000), decide_by: new Date(now - 7_200_000), confirmed_at: new Date(now - 7_200_000) }).where('id', '=', sessionId).execute();
}

async function deliveriesOf(purpose: string, recipient: string) {
  return site.platform.ctx.db
    .withTables<{ notify_messages: { id: string; purpose: string; recipient_name: string | null }; notify_deliveries: { message_id: string; channel: string }; notify_attachments: { message_id: string; filename: string } }>()
    .selectFrom('notify_messages as m')
    .innerJoin('notify_deliveries as d', 'd.message_id', 'm.id')
    .leftJoin('notify_attachments as a', 'a.message_id', 'm.id')
    .select(['d.channel', 'a.filename'])
    .where('m.purpose', '=', purpose)
    .where('m.recipient_name', '=', recipient)
    .execute();
}

describe.each(bothWays)('a senior learns to use the online services $how', ({ javaScript, how }) => {
  it('takes the self-assessment, is registered by phone onto the waiting list, moves up, attends and gets a certificate', { timeout: 300_000 }, async () => {
    const senior = `Hildegard Beispiel ${how}`;
    const session = await sessionOf('smartphone-grundlagen', javaScript ? 0 : 1);
    // The session is full before she calls.
    for (let n = 0; n < session.capacity; n += 1) {
      const made = await register(site.platform.ctx, { kind: 'anonymous' }, { sessionId: session.id, registrant: { kind: 'guest', name: `Teilnehmende ${n + 1} ${how}`, email: null, phone: '02431 100', postalAddress: null }, language: 'de', supportNeeds: [], supportNote: null, channel: 'online' });
      expect(made.ok).toBe(true);
    }

    // The self-assessment, from the home page, in plain German.
    const citizen = await site.open({ javaScript });
    expect(await visit(citizen, '/')).toBe(200);
    expect(await follow(citizen, de.home.assessment)).toBe(200);
    expect(await follow(citizen, 'Selbsteinschätzung beginnen')).toBe(200);
    const answersGiven: Record<string, string> = { '2-1': '0', '2-2': '0', '4-1': '1' };
    for (let area = 1; area <= 5; area += 1) {
      for (const [code, step] of Object.entries(answersGiven).filter(([code]) => code.startsWith(`${area}-`))) {
        const question = texts.questions[code as keyof typeof texts.questions];
        await citizen.getByRole('group', { name: question }).getByLabel(texts.answers[step as '0' | '1'], { exact: true }).check();
      }
      expect(await submit(citizen, area === 5 ? texts.finish : texts.next)).toBe(200);
    }
    expect(await citizen.getByRole('heading', { level: 1 }).textContent()).toContain(texts.resultTitle);
    const recommended = citizen.getByRole('region', { name: texts.recommendTitle });
    expect(await recommended.getByRole('link').count()).toBeGreaterThanOrEqual(2);
    expect(await follow(citizen, 'Smartphone-Grundlagen für Einsteigerinnen und Einsteiger', recommended)).toBe(200);
    expect(await citizen.getByText('02431 85-0').first().isVisible()).toBe(true);

    // She calls; a digital pilot registers her onto the waiting list.
    const office = await publishedOffice(site.platform.ctx, 'team-digitalisierung');
    const pilot = await staffPage(pilotGrant(office!.id), javaScript);
    expect(await visit(pilot.page, '/verwaltung/kurse')).toBe(200);
    expect(await visit(pilot.page, `/verwaltung/kurse/${session.id}`)).toBe(200);
    expect(await follow(pilot.page, 'Jemanden telefonisch oder vor Ort anmelden')).toBe(200);
    await pilot.page.getByLabel('Name', { exact: true }).fill(senior);
    await pilot.page.getByLabel('Telefonnummer').fill('02431 987654');
    await pilot.page.getByLabel('Straße').fill('Kölner Straße');
    await pilot.page.getByLabel('Hausnummer').fill('12');
    await pilot.page.getByLabel('Postleitzahl').fill('41812');
    await pilot.page.getByRole('textbox', { name: /^Ort\b/ }).fill('Erkelenz');
    await pilot.page.getByLabel('Unterlagen in Großdruck').check();
    expect(await submit(pilot.page, 'Auf die Warteliste setzen')).toBe(200);
    expect(await pilot.page.getByText('Die Person steht auf der Warteliste').isVisible()).toBe(true);
    expect(await deliveriesOf('course-waitlisted', senior)).toEqual([{ channel: 'letter', filename: null }]);

    // Someone with a place cancels; she moves up and is told by letter.
    expect(await submit(pilot.page, `Teilnehmende 1 ${how} abmelden`)).toBe(200);
    expect(await pilot.page.getByText('wer als Nächstes wartete, ist nachgerückt').isVisible()).toBe(true);
    expect(await pilot.page.getByRole('region', { name: /Teilnehmende \(/ }).getByText(senior).first().isVisible()).toBe(true);
    expect(await deliveriesOf('course-place-freed', senior)).toEqual([{ channel: 'letter', filename: null }]);

    // She attends; the coordinator takes attendance and her certificate goes out by letter.
    await begin(session.id);
    const coordinator = await staffPage({ role: trainingCoordinator }, javaScript);
    expect(await visit(coordinator.page, `/verwaltung/kurse/${session.id}`)).toBe(200);
    await coordinator.page.getByLabel(new RegExp(`^${senior}`)).check();
    expect(await submit(coordinator.page, 'Anwesenheit speichern und Bescheinigungen ausstellen')).toBe(200);
    const certificate = await coordinator.page.getByRole('link', { name: new RegExp(`Bescheinigung TB-.* von ${senior}`) }).textContent();
    const code = /TB-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]/.exec(certificate ?? '')?.[0];
    expect(code).toBeDefined();
    await site.platform.runJobs();
    expect(await deliveriesOf('course-certificate', senior)).toEqual([{ channel: 'letter', filename: 'Teilnahmebescheinigung.pdf' }]);

    // Anyone can check the certificate's code.
    const checker = await site.open({ javaScript });
    expect(await visit(checker, '/kurse/nachweis')).toBe(200);
    await checker.getByLabel('Prüfnummer').fill(code!);
    expect(await submit(checker, 'Prüfen')).toBe(200);
    expect(await checker.getByText('Die Bescheinigung ist echt').isVisible()).toBe(true);
    expect(await checker.getByText(senior).isVisible()).toBe(true);
  });
});

describe.each(bothWays)('a member of staff keeps their training current $how', ({ javaScript, how }) => {
  it('is shown as due, reminded, books the course, attends, and the record is current again', { timeout: 300_000 }, async () => {
    // A caseworker whose data-protection training expires next month.
    const caseworker = await buildStaff(site.platform.ctx, [{ role: 'caseworker' }], { display_name: `Carla Fällig ${how}` });
    const nextMonth = new Date(Date.now() + 35 * 86_400_000).toISOString().slice(0, 10);
    await site.platform.ctx.db
      .withTables<{ learning_training_records: { user_id: string; requirement_key: string; completed_on: string; expires_on: string; source: string; course_title: string; provider: string } }>()
      .insertInto('learning_training_records')
      .values({ user_id: caseworker.user.id, requirement_key: 'datenschutz', completed_on: '2025-01-15', expires_on: nextMonth, source: 'external', course_title: 'Datenschutz kompakt', provider: 'Studieninstitut' })
      .execute();

    // A date of the staff course in a few days, which each way of the journey books.
    const course = await db().selectFrom('learning_courses').selectAll().where('slug', '=', 'datenschutz-grundschulung').executeTakeFirstOrThrow();
    const session = await buildSession(site.platform.ctx, course, { capacity: 12, inDays: 3 });

    // The coordinator sees who is due.
    const coordinator = await staffPage({ role: trainingCoordinator }, javaScript);
    expect(await visit(coordinator.page, '/verwaltung/fortbildung')).toBe(200);
    expect(await coordinator.page.getByText(`Carla Fällig ${how}`).first().isVisible()).toBe(true);

    // The reminder goes out once.
    // The daily job's run.
    await sendTrainingReminders(site.platform.ctx);
    await sendTrainingReminders(site.platform.ctx);
    const reminders = await site.platform.ctx.db.withTables<{ notify_messages: { purpose: string; user_id: string | null } }>().selectFrom('notify_messages').select('purpose').where('user_id', '=', caseworker.user.id).where('purpose', '=', 'training-expiry-reminder').execute();
    expect(reminders).toHaveLength(1);

    // The caseworker books the staff course from their own page.
    const page = await site.open({ javaScript });
    await logInStaff(page, caseworker);
    expect(await visit(page, '/verwaltung/meine-fortbildungen')).toBe(200);
    expect(await follow(page, 'Datenschutz im Verwaltungsalltag')).toBe(200);
    expect(await visit(page, `/kurse/datenschutz-grundschulung/termine/${session.id}/anmelden`)).toBe(200);
    expect(await submit(page, 'Verbindlich anmelden')).toBe(200);
    expect(await page.getByText('Sie sind angemeldet').isVisible()).toBe(true);

    // The course takes place; attendance updates the record.
    await begin(session.id);
    expect(await visit(coordinator.page, `/verwaltung/kurse/${session.id}`)).toBe(200);
    await coordinator.page.getByLabel(new RegExp(`^Carla Fällig ${how}`)).check();
    expect(await submit(coordinator.page, 'Anwesenheit speichern und Bescheinigungen ausstellen')).toBe(200);
    expect(await visit(page, '/verwaltung/meine-fortbildungen')).toBe(200);
    expect(await page.getByText('Datenschutz im Verwaltungsalltag').first().isVisible()).toBe(true);
    const records = await site.platform.ctx.db
      .withTables<{ learning_training_records: { user_id: string; requirement_key: string; source: string; expires_on: string } }>()
      .selectFrom('learning_training_records')
      .select(['source'])
      .where('user_id', '=', caseworker.user.id)
      .where('requirement_key', '=', 'datenschutz')
      .execute();
    expect(records.map((record) => record.source).sort()).toEqual(['course', 'external']);

    // The coordinator's figures count the session as held.
    expect(await visit(coordinator.page, '/verwaltung/kurse/zahlen')).toBe(200);
    expect(await coordinator.page.getByRole('table', { name: 'Je Kurs' }).getByRole('row', { name: /Datenschutz im Verwaltungsalltag/ }).isVisible()).toBe(true);
  });
});

describe.each(bothWays)('a guest registers online and cancels $how', ({ javaScript, how }) => {
  it('registers from the catalogue, sees the course in the mail, and cancels by its link', { timeout: 120_000 }, async () => {
    const address = `gast-${javaScript ? 'js' : 'plain'}@example.org`;
    const page = await site.open({ javaScript });
    expect(await visit(page, '/kurse')).toBe(200);
    expect(await follow(page, 'Videoanrufe mit der Familie')).toBe(200);
    expect(await follow(page, 'Zu diesem Termin anmelden')).toBe(200);
    await page.getByLabel('Ihr Name').fill(`Gerda Gast ${how}`);
    await page.getByLabel('E-Mail-Adresse').fill(address);
    await page.getByLabel('ein Leihgerät (Tablet oder Smartphone)').check();
    expect(await submit(page, 'Verbindlich anmelden')).toBe(200);
    expect(await page.getByText('Sie haben einen Platz').isVisible()).toBe(true);
    await site.platform.ctx.jobs.drain(site.platform.ctx, ['learning.send-registration-mail']);
    const text = site.platform.smtp.lastTo(address)?.text ?? '';
    const link = /https?:\/\/[^/\s]+(\/kurse\/abmelden\/\S+)/.exec(text)?.[1];
    expect(link).toBeDefined();
    expect(await visit(page, link!)).toBe(200);
    expect(await submit(page, 'Ja, abmelden')).toBe(200);
    expect(await page.getByText('Ihre Anmeldung ist zurückgenommen').isVisible()).toBe(true);
  });
});

describe.each(bothWays)('the training coordination offers a new course $how', ({ javaScript, how }) => {
  it('creates a course, plans its date, finds it in the catalogue, and adds places', { timeout: 180_000 }, async () => {
    const title = `Sicher einkaufen im Netz ${how}`;
    const coordinator = await staffPage({ role: trainingCoordinator }, javaScript);
    const page = coordinator.page;
    expect(await visit(page, '/verwaltung/kurse')).toBe(200);
    expect(await follow(page, 'Kursangebote bearbeiten')).toBe(200);
    expect(await follow(page, 'Neuen Kurs anlegen')).toBe(200);
    await page.getByLabel('Titel').fill(title);
    await page.getByLabel('Kurzbeschreibung').fill('Wie man in Online-Shops sicher bezahlt und gefälschte Shops erkennt.');
    await page.getByLabel('Zielgruppe in Worten').fill('Alle, die online einkaufen möchten');
    await page.getByLabel('Anbieter').fill('Volkshochschule Erkelenz');
    await page.getByLabel('Telefonnummer für Anmeldung und Fragen').fill('02431 85-0');
    await page.getByLabel('2.1 ', { exact: false }).first().check();
    await page.getByLabel('Im Kursangebot zeigen').check();
    expect(await submit(page, 'Kurs anlegen')).toBe(200);
    expect(await page.getByText('Der Kurs ist angelegt').isVisible()).toBe(true);

    // Its date: two evenings a week apart, three weeks from now.
    expect(await follow(page, 'Neuen Termin planen')).toBe(200);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });
    for (const [row, date] of [[1, day(21)], [2, day(28)]] as const) {
      const meeting = page.getByRole('group', { name: `Treffen ${row}`, exact: true });
      await meeting.getByLabel('Datum', { exact: true }).fill(date);
      await meeting.getByLabel('Beginn', { exact: true }).fill('18:00');
      await meeting.getByLabel('Ende', { exact: true }).fill('20:00');
    }
    await page.getByRole('textbox', { name: /^Ort\b/ }).fill('Volkshochschule, Raum 2');
    await page.getByRole('textbox', { name: /^Anschrift des Ortes/ }).fill('Westpromenade 14, 41812 Erkelenz');
    await page.getByLabel('Plätze', { exact: true }).fill('1');
    expect(await submit(page, 'Termin anlegen')).toBe(200);
    expect(await page.getByText('Der Termin ist angelegt').isVisible()).toBe(true);

    // Citizens find it; one registers, one waits.
    const course = await db().selectFrom('learning_courses').select(['id', 'slug']).where('title', '=', title).executeTakeFirstOrThrow();
    const [session] = await db().selectFrom('learning_sessions').select('id').where('course_id', '=', course.id).execute();
    const citizen = await site.open({ javaScript });
    expect(await visit(citizen, `/kurse/${course.slug}`)).toBe(200);
    expect(await citizen.getByText('Volkshochschule, Raum 2').first().isVisible()).toBe(true);
    for (const name of ['Erste', 'Zweite']) {
      const made = await register(site.platform.ctx, { kind: 'anonymous' }, { sessionId: session!.id, registrant: { kind: 'guest', name: `${name} ${how}`, email: null, phone: '02431 100', postalAddress: null }, language: 'de', supportNeeds: [], supportNote: null, channel: 'online' });
      expect(made.ok).toBe(true);
    }

    // More places: the one waiting moves up at once.
    expect(await follow(page, 'Termin ändern')).toBe(200);
    expect(await page.getByText('sind schon 2 Personen angemeldet oder auf der Warteliste').isVisible()).toBe(true);
    await page.getByLabel('Plätze', { exact: true }).fill('8');
    expect(await submit(page, 'Termin speichern')).toBe(200);
    expect(await page.getByText('Von der Warteliste sind Personen nachgerückt').isVisible()).toBe(true);
    const statuses = await db().selectFrom('learning_registrations').select('status').where('session_id', '=', session!.id).execute();
    expect(statuses.map((row) => row.status)).toEqual(['placed', 'placed']);
  });
});

describe.each(bothWays)('a signed-in citizen keeps a self-assessment $how', ({ javaScript, how }) => {
  it('saves the result in the account, opens it again and deletes it', { timeout: 120_000 }, async () => {
    const { user, password } = await buildCitizen(site.platform.ctx);
    const citizen = await site.open({ javaScript });
    expect(await logIn(citizen, user.email!, password)).toBe(200);
    expect(await visit(citizen, '/kompetenzen/selbsteinschaetzung')).toBe(200);
    expect(await follow(citizen, 'Selbsteinschätzung beginnen')).toBe(200);
    for (let area = 1; area <= 5; area += 1) {
      if (area === 3) await citizen.getByRole('group', { name: texts.questions['3-1'] }).getByLabel(texts.answers['1'], { exact: true }).check();
      expect(await submit(citizen, area === 5 ? texts.finish : texts.next)).toBe(200);
    }
    expect(await submit(citizen, 'Ergebnis in meinem Konto speichern')).toBe(200);
    expect(await citizen.getByText('Ihr Ergebnis ist in Ihrem Konto gespeichert').isVisible()).toBe(true);
    expect(await visit(citizen, '/konto/selbsteinschaetzung')).toBe(200);
    expect(await follow(citizen, 'Ergebnis vom')).toBe(200);
    expect(await visit(citizen, '/konto/selbsteinschaetzung')).toBe(200);
    expect(await follow(citizen, 'Alle gespeicherten Ergebnisse löschen')).toBe(200);
    expect(await submit(citizen, 'Ja, alle löschen')).toBe(200);
    expect(await citizen.getByText('Alle gespeicherten Ergebnisse sind gelöscht').isVisible()).toBe(true);
    const kept = await site.platform.ctx.db.withTables<{ learning_saved_assessments: { user_id: string } }>().selectFrom('learning_saved_assessments').select('user_id').where('user_id', '=', user.id).execute();
    expect(kept, how).toEqual([]);
  });
});
