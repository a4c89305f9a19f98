import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '#kernel/audit.ts';
import { systemActor } from '#kernel/auth/actor.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { buildCitizen, buildStaff, signInStaff } from './test/builders.ts';

let platform: TestPlatform;
let admin: FormClient;
let adminId: string;

beforeAll(async () => {
  platform = await createTestPlatform();
  const staff = await buildStaff(platform.ctx, [{ role: 'administrator', officeId: null }], { display_name: 'Anna Admin' });
  adminId = staff.user.id;
  admin = new FormClient(platform.app);
  await signInStaff(admin, staff);
});
afterAll(async () => {
  await platform.close();
});

const rowsOf = (body: string) => body.match(/<tr>/g)?.length ?? 0;

describe('the audit log in the back office', () => {
  it('answers "who accessed this person’s data" by the person’s e-mail address, in words', async () => {
    const citizen = await buildCitizen(platform.ctx, { display_name: 'Clara Bürgerin' });
    const client = new FormClient(platform.app);
    await client.get('/anmelden');
    await client.post('/anmelden', { email: citizen.user.email!, password: citizen.password });
    expect((await client.get('/konto/daten.json')).status).toBe(200);
    await buildCitizen(platform.ctx); // someone else, whose records must not show

    const page = await admin.get(`/verwaltung/protokoll?person=${encodeURIComponent(citizen.user.email!.toUpperCase())}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Alle Daten heruntergeladen');
    expect(page.body).toContain('Clara Bürgerin');
    expect(page.body).toContain('1 Eintrag');
    expect(rowsOf(page.body)).toBe(2); // header and one record
  });

  it('filters by the beginning of an action’s code, treating % and _ as plain characters', async () => {
    const page = await admin.get('/verwaltung/protokoll?action=accounts.staff-signed');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Dienstlich angemeldet');
    expect(page.body).not.toContain('Alle Daten heruntergeladen');
    const wildcard = await admin.get('/verwaltung/protokoll?action=%25');
    expect(wildcard.body).toContain('Für diese Auswahl gibt es keine Einträge.');
  });

  it('pages through long periods, fifty records a page', async () => {
    for (let index = 0; index < 60; index += 1) {
      await recordAudit(platform.ctx.db, { actor: systemActor('test') }, { action: 'probe.bulk-written', subjectType: 'probe', subjectId: String(index) });
    }
    const first = await admin.get('/verwaltung/protokoll?action=probe.bulk');
    expect(first.body).toContain('60 Einträge');
    expect(rowsOf(first.body)).toBe(51);
    expect(first.body).toContain('Seite 1 von 2');
    const next = /href="([^"]+page=2)"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBeDefined();
    const second = await admin.get(next!);
    expect(rowsOf(second.body)).toBe(11);
    // Without a label of its own, an action shows its code.
    expect(second.body).toContain('probe.bulk-written');
  });

  it('downloads the same selection as a CSV file for spreadsheets, and records the download', async () => {
    const page = await admin.get('/verwaltung/protokoll?action=accounts.staff-signed');
    const link = /href="(\/verwaltung\/protokoll\.csv\?[^"]+)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&');
    expect(link).toContain('action=accounts.staff-signed');
    const file = await admin.get(link!);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="protokoll-\d{4}-\d{2}-\d{2}-bis-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = file.body.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Zeitpunkt (UTC);Wer;Code;Was;Betroffene Person;Gegenstand;Grund;Anfrage');
    expect(lines.slice(1).every((line) => line.includes(';accounts.staff-signed-in;Dienstlich angemeldet;'))).toBe(true);
    expect(lines.some((line) => line.includes(`;user ${adminId};`))).toBe(true);
    const exports = await platform.ctx.db.selectFrom('audit_log').select('meta').where('action', '=', 'accounts.audit-log-exported').execute();
    expect(exports.at(-1)?.meta).toMatchObject({ action: 'accounts.staff-signed', rows: lines.length - 1 });
    expect((await admin.get('/verwaltung/protokoll.csv?from=2026-02-31')).status).toBe(400);
  });

  it('records each reading of the log with its filter', async () => {
    await admin.get('/verwaltung/protokoll?action=notify.');
    const reads = await platform.ctx.db.selectFrom('audit_log').select(['actor_id', 'meta']).where('action', '=', 'accounts.audit-log-read').orderBy('id', 'desc').execute();
    expect(reads[0]).toMatchObject({ actor_id: adminId, meta: expect.objectContaining({ action: 'notify.' }) });
  });

  it('explains every bad filter at its field with 400 and lists nothing', async () => {
    const cases: [string, string][] = [
      ['from=2026-02-31', 'Diesen Tag gibt es nicht.'],
      ['from=2026-11-20&to=2026-11-10', '„Bis“ liegt vor „Von“.'],
      ['from=2025-01-01&to=2026-11-26', 'höchstens 366 Tage'],
      ['person=niemand%40example.org', 'Zu dieser E-Mail-Adresse gibt es kein Konto.'],
      ['person=kein-konto', 'Zu dieser E-Mail-Adresse gibt es kein Konto.'],
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
    const editor = await buildStaff(platform.ctx, [{ role: 'editor', officeId: null }]);
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
