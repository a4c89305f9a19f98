import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '#kernel/audit.ts';
import { systemActor } from '#kernel/auth/actor.ts';
import { buildService, unpublishAs } from '#modules/catalog/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { personActor } from './actor.ts';
import { accountsDb, rolesOf } from './repo.ts';
import { buildCitizen, buildStaff, signInStaff } from './test/builders.ts';

let platform: TestPlatform;
let admin: FormClient;
let adminId: string;

beforeAll(async () => {
  platform = await createTestPlatform();
  const staff = await buildStaff(platform.ctx, [{ role: 'administrator' }], { display_name: 'Anna Admin' });
  adminId = staff.user.id;
  admin = new FormClient(platform.app);
  await signInStaff(admin, staff);
});
afterAll(async () => {
  await platform.close();
});

const rowsOf = (body: string) => body.match(/<tr>/g)?.length ?? 0;
/** The table's rows as the text of their cells, tags and codes left out. */
const cellsOf = (body: string) =>
  [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<div[\s\S]*<\/div>/, '').replace(/<[^>]+>/g, '').trim()));
const csvLinesOf = (body: string) => body.replace(/^\ufeff/, '').trimEnd().split('\r\n');

async function signInCitizen(citizen: Awaited<ReturnType<typeof buildCitizen>>) {
  const client = new FormClient(platform.app);
  await client.get('/anmelden');
  await client.post('/anmelden', { email: citizen.user.email!, password: citizen.password });
  return client;
}

describe('the audit log in the back office', () => {
  it('answers "who accessed this person’s data" by the person’s e-mail address, in words', async () => {
    const citizen = await buildCitizen(platform.ctx, { display_name: 'Clara Bürgerin' });
    const client = await signInCitizen(citizen);
    expect((await client.get('/konto/daten.json')).status).toBe(200);
    await buildCitizen(platform.ctx); // someone else, whose records must not show

    const page = await admin.get(`/verwaltung/protokoll?person=${encodeURIComponent(citizen.user.email!.toUpperCase())}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('1 Eintrag');
    expect(cellsOf(page.body)).toEqual([[expect.any(String), 'Clara Bürgerin', 'Alle Daten heruntergeladen', 'Clara Bürgerin', 'Konto von Clara Bürgerin']]);
  });

  it('pages through long periods, fifty records a page', async () => {
    for (let index = 0; index < 60; index += 1) {
      await recordAudit(platform.ctx.db, { actor: systemActor('test') }, { action: 'notify.print-batch-remade', subjectType: 'notify_print_batch', subjectId: String(index) });
    }
    const first = await admin.get('/verwaltung/protokoll?action=notify.print-batch-remade');
    expect(first.body).toContain('60 Einträge');
    expect(rowsOf(first.body)).toBe(51);
    expect(first.body).toContain('Seite 1 von 2');
    const next = /href="([^"]+page=2)"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBeDefined();
    const second = await admin.get(next!);
    expect(rowsOf(second.body)).toBe(11);
    expect(cellsOf(second.body)[0]).toEqual([expect.any(String), 'Automatisch durch die Plattform', 'Druckstapel ohne herausgenommene Briefe neu erstellt', '–', 'Druckstapel']);
  });

  it('shows an action no module names by its code, and a subject no module declares by its type', async () => {
    await recordAudit(platform.ctx.db, { actor: systemActor('test') }, { action: 'probe.bulk-written', subjectType: 'probe', subjectId: '1' });
    const page = await admin.get('/verwaltung/protokoll');
    expect(cellsOf(page.body)).toContainEqual([expect.any(String), 'Automatisch durch die Plattform', 'probe.bulk-written', '–', 'probe']);
  });

  it('records each reading of the log with its filter', async () => {
    await admin.get('/verwaltung/protokoll?action=notify.');
    const reads = await platform.ctx.db.selectFrom('audit_log').select(['actor_id', 'meta']).where('action', '=', 'accounts.audit-log-read').orderBy('id', 'desc').execute();
    expect(reads[0]).toMatchObject({ actor_id: adminId, meta: expect.objectContaining({ action: 'notify.' }) });
  });

  it('explains every bad filter at its field with 400 and lists nothing', async () => {
    const cases: [string, string][] = [
      ['from=2026-02-31', 'Den 31.02.2026 gibt es nicht: Der Februar 2026 hat 28 Tage.'],
      ['from=31.02.2026', 'Den 31.02.2026 gibt es nicht: Der Februar 2026 hat 28 Tage.'],
      ['to=01.13.2026', 'Einen Monat 13 gibt es nicht.'],
      ['from=gestern', 'Bitte geben Sie das Datum als Tag, Monat und Jahr mit Punkten an, zum Beispiel 01.12.2026.'],
      ['from=20.11.2026&to=10.11.2026', '„Bis“ liegt vor „Von“.'],
      ['from=01.01.2025&to=26.11.2026', 'höchstens 366 Tage'],
      ['person=niemand%40example.org', 'Zu dieser E-Mail-Adresse gibt es kein Konto.'],
      ['person=kein-konto', 'Zu dieser E-Mail-Adresse gibt es kein Konto.'],
      ['action=accounts.staff', 'Diese Handlung kennt das Protokoll nicht. Bitte wählen Sie eine aus der Liste.'],
      ['action=%25', 'Diese Handlung kennt das Protokoll nicht.'],
      ['page=0', '„Seite“'],
      [`action=${'x'.repeat(81)}`, '„Art der Handlung“'],
    ];
    for (const [query, message] of cases) {
      const response = await admin.get(`/verwaltung/protokoll?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body, query).toContain(message);
      expect(response.body, query).not.toContain('<table');
    }
  });

  it('is for administrators only', async () => {
    const editor = await buildStaff(platform.ctx, [{ role: 'editor' }]);
    const client = new FormClient(platform.app);
    await signInStaff(client, editor);
    expect((await client.get('/verwaltung/protokoll')).status).toBe(403);
    expect((await client.get('/verwaltung/protokoll?from=kaputt')).status).toBe(403);
    expect((await client.get('/verwaltung/protokoll.csv')).status).toBe(403);
    expect((await client.get('/verwaltung')).body).not.toContain('/verwaltung/protokoll');
    const visitor = await new FormClient(platform.app).get('/verwaltung/protokoll');
    expect(visitor.status).toBe(303);
    expect((await admin.get('/verwaltung')).body).toContain('href="/verwaltung/protokoll"');
  });
});

describe('12.22 the audit log’s period in German dates', () => {
  it('12.22 takes the period as people write it, and as a date picker sends it', async () => {
    const november = new Date('2026-11-15T10:00:00Z');
    await platform.ctx.db
      .insertInto('audit_log')
      .values({ at: november, actor_id: null, actor_label: 'system:test', action: 'kernel.failed-jobs-viewed', subject_type: 'jobs', subject_id: null, data_subject_id: null, reason: null, request_id: null, meta: '{}' })
      .execute();
    for (const query of ['from=1.11.2026&to=30.11.26', 'from=01.11.2026&to=30.11.2026', 'from=2026-11-01&to=2026-11-30']) {
      const page = await admin.get(`/verwaltung/protokoll?${query}&action=kernel.failed-jobs-viewed`);
      expect(page.status, query).toBe(200);
      expect(page.body, query).toContain('1 Eintrag');
      // Shown back the German way, whichever way it came.
      expect(page.body, query).toMatch(/<input[^>]*id="from"[^>]*value="01\.11\.2026"/);
      expect(page.body, query).toMatch(/<input[^>]*id="to"[^>]*value="30\.11\.2026"/);
    }
    const december = await admin.get('/verwaltung/protokoll?from=16.11.2026&to=30.11.2026&action=kernel.failed-jobs-viewed');
    expect(december.body).toContain('Für diese Auswahl gibt es keine Einträge.');
    // The download carries the period in its name, and the pages' links keep it.
    const csvLink = /href="(\/verwaltung\/protokoll\.csv\?[^"]+)"/.exec((await admin.get('/verwaltung/protokoll?from=1.11.2026&to=30.11.26&action=kernel.failed-jobs-viewed')).body)?.[1]?.replaceAll('&amp;', '&');
    expect(csvLink).toContain('from=01.11.2026');
    const file = await admin.get(csvLink!);
    expect(file.headers['content-disposition']).toBe('attachment; filename="protokoll-2026-11-01-bis-2026-11-30.csv"');
  });

  it('12.22 offers date fields wide enough for 01.12.2026, each with an example, and keeps a refused date as typed', async () => {
    const page = await admin.get('/verwaltung/protokoll');
    for (const name of ['from', 'to']) {
      const input = new RegExp(`<input[^>]*id="${name}"[^>]*>`).exec(page.body)?.[0] ?? '';
      expect(input, name).toContain('date-field__input');
      expect(input, name).not.toContain('kern-form-input__input--width-4');
      expect(input, name).toContain('inputmode="numeric"');
      expect(input, name).toContain('autocomplete="off"');
      expect(page.body).toContain(`<div class="kern-hint" id="${name}-hint">z. B. 01.12.2026</div>`);
    }
    const refused = await admin.get('/verwaltung/protokoll?from=31.02.2026');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatch(/<input[^>]*id="from"[^>]*value="31\.02\.2026"[^>]*aria-invalid="true"/);
  });
});

describe('12.23 the audit log in words', () => {
  it('12.23 attributes a staff sign-in to the staff member, who is also its data subject', async () => {
    const records = await platform.ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'actor_label', 'data_subject_id', 'subject_id'])
      .where('action', '=', 'accounts.staff-signed-in')
      .where('subject_id', '=', adminId)
      .execute();
    expect(records).toEqual([{ actor_id: adminId, actor_label: `staff:${adminId}`, data_subject_id: adminId, subject_id: adminId }]);
    const page = await admin.get('/verwaltung/protokoll?action=accounts.staff-signed-in');
    expect(cellsOf(page.body)).toContainEqual([expect.any(String), 'Anna Admin', 'Dienstlich angemeldet', 'Anna Admin', 'Konto von Anna Admin']);
    expect(page.body).not.toContain('Automatisch durch die Plattform');
  });

  it('12.23 names people, former accounts and subjects in words, in the table and in the download', async () => {
    const editor = await buildStaff(platform.ctx, [{ role: 'editor' }], { display_name: 'Erik Redaktion' });
    const entry = await buildService(platform.ctx, { title: 'Personalausweis beantragen (Probe)' });
    const editorActor = personActor(editor.user, await rolesOf(accountsDb(platform.ctx.db), editor.user.id));
    await unpublishAs(platform.ctx, editorActor, entry.id);
    const leaving = await buildCitizen(platform.ctx, { display_name: 'Lea Gegangen' });
    const client = await signInCitizen(leaving);
    expect((await client.get('/konto/daten.json')).status).toBe(200);
    await client.get('/konto/loeschen');
    expect((await client.post('/konto/loeschen', { password: leaving.password })).status).toBe(200);

    const catalog = await admin.get('/verwaltung/protokoll?action=catalog.entry-unpublished');
    expect(cellsOf(catalog.body)).toContainEqual([expect.any(String), 'Erik Redaktion', 'Veröffentlichung zurückgenommen', '–', 'Leistung „Personalausweis beantragen (Probe)“']);
    const accounts = await admin.get('/verwaltung/protokoll?action=accounts.');
    const gone = cellsOf(accounts.body).filter((cells) => cells[2] === 'Konto gelöscht' || cells[2] === 'Alle Daten heruntergeladen');
    expect(gone).toContainEqual([expect.any(String), 'Ein früheres Bürgerkonto', 'Konto gelöscht', 'ehemaliges Konto', 'ehemaliges Konto']);
    expect(accounts.body).not.toContain('Lea Gegangen');
    expect(accounts.body).not.toMatch(/<td class="kern-table__cell">[^<]*[0-9a-f]{8}-[0-9a-f]{4}-/);

    const file = await admin.get('/verwaltung/protokoll.csv?action=catalog.entry-unpublished');
    const lines = csvLinesOf(file.body);
    expect(lines[0]).toBe('Zeitpunkt (UTC);Wer;Code;Was;Betroffene Person;Gegenstand;Kennung des Gegenstands;Grund;Anfrage');
    expect(lines).toContainEqual(expect.stringContaining(`;Erik Redaktion;catalog.entry-unpublished;Veröffentlichung zurückgenommen;;Leistung „Personalausweis beantragen (Probe)“;catalog.service ${entry.id};;`));
    const signIns = csvLinesOf((await admin.get('/verwaltung/protokoll.csv?action=accounts.staff-signed-in')).body);
    expect(signIns).toContainEqual(expect.stringContaining(`;Anna Admin;accounts.staff-signed-in;Dienstlich angemeldet;Anna Admin;Konto von Anna Admin;user ${adminId};`));
    const exports = await platform.ctx.db.selectFrom('audit_log').select('meta').where('action', '=', 'accounts.audit-log-exported').orderBy('id', 'desc').execute();
    expect(exports[0]?.meta).toMatchObject({ action: 'accounts.staff-signed-in', rows: signIns.length - 1 });
  });

  it('12.23 lets the action be chosen from every action the modules declare, grouped by module, in words', async () => {
    const page = await admin.get('/verwaltung/protokoll?action=accounts.staff-signed-in');
    const select = /<select[^>]*name="action"[^>]*>([\s\S]*?)<\/select>/.exec(page.body)?.[1] ?? '';
    // Preact writes an empty value as a bare attribute.
    expect(select).toMatch(/^<option value(="")?>Alle Handlungen<\/option>/);
    const groups = [...select.matchAll(/<optgroup label="([^"]+)">([\s\S]*?)<\/optgroup>/g)].map((group) => ({
      label: group[1],
      options: [...group[2]!.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((option) => [option[1], option[2]]),
    }));
    expect(groups.map((group) => group.label)).toEqual(expect.arrayContaining(['Plattform und Betrieb', 'Konten und Anmeldung', 'Leistungskatalog', 'Nachrichten und Briefe']));
    const accounts = groups.find((group) => group.label === 'Konten und Anmeldung')!;
    expect(accounts.options[0]).toEqual(['accounts.', 'Alles im Bereich Konten und Anmeldung']);
    expect(accounts.options).toContainEqual(['accounts.staff-signed-in', 'Dienstlich angemeldet']);
    // Every action a module names in its texts can be chosen, and nothing offered is a bare code.
    const offered = new Set(groups.flatMap((group) => group.options.map(([value]) => value)));
    for (const module of platform.ctx.modules) {
      for (const [key, label] of Object.entries((module.locales?.de.audit ?? {}) as Record<string, unknown>)) {
        if (typeof label === 'string') expect(offered.has(`${module.id}.${key}`), `${module.id}.${key}`).toBe(true);
      }
    }
    for (const group of groups) for (const [value, label] of group.options) expect(label, value).not.toBe(value);
    expect(select).toContain('<option value="accounts.staff-signed-in" selected>Dienstlich angemeldet</option>');
    expect(page.body).not.toContain('Der Anfang des Codes');
  });
});
