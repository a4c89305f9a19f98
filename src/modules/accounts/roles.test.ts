import { HtmlValidate } from 'html-validate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Migrations } from '#kernel/db/migrate.ts';
import { migrateToLatest } from '#kernel/db/migrate.ts';
import { migrationSets } from '#kernel/platform.ts';
import { buildOffice } from '#modules/catalog/test/builders.ts';
import { emptyDatabase } from '#test/empty-database.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { createStaffCommand } from './commands.ts';
import { staffHolding, staffIdByEmail, staffMember, staffRoster } from './index.ts';
import { accountsModule } from './manifest.ts';
import { accountsDb, findUserByEmail, rolesOf } from './repo.ts';
import { buildStaff, signInStaff } from './test/builders.ts';
import { casesModule } from './test/cases-module.ts';

/*
 * Roles come from the modules: the staff pages offer what the installed modules declare, a role bound to an
 * office is granted for one office, and it counts only there.
 */

let platform: TestPlatform;
let ordnungsamt: string;
let standesamt: string;

beforeAll(async () => {
  platform = await createTestPlatform({}, [casesModule]);
  ordnungsamt = (await buildOffice(platform.ctx, { title: 'Ordnungsamt Test' })).id;
  standesamt = (await buildOffice(platform.ctx, { title: 'Standesamt Test' })).id;
});
afterAll(async () => {
  await platform.close();
});

async function adminClient() {
  const client = new FormClient(platform.app);
  await signInStaff(client, await buildStaff(platform.ctx, [{ role: 'administrator' }]));
  return client;
}

const roles = (userId: string) => rolesOf(accountsDb(platform.ctx.db), userId);

describe('roles on the staff pages', () => {
  it('offers every role the modules declare, with its name and what it is for, and an office select for a role bound to an office', async () => {
    const page = await (await adminClient()).get('/verwaltung/mitarbeitende/neu');
    expect(page.status).toBe(200);
    const offered: [string, string][] = [
      ['administrator', 'Administration'],
      ['editor', 'Redaktion'],
      ['print-room', 'Poststelle (Briefdruck)'],
      ['case-clerk', 'Fallbearbeitung'],
    ];
    for (const [value, label] of offered) {
      expect(page.body).toMatch(new RegExp(`<input[^>]*name="roles" value="${value}"[^>]*>\\s*<label class="kern-label" for="[^"]+">${label.replace(/[()]/g, '\\$&')}</label>`));
    }
    expect(page.body).toContain('Druckt die Briefe des Tages, gibt sie zur Post');
    expect(page.body).toContain('Bearbeitet die Anträge einer Dienststelle.');
    const select = /<label class="kern-label" for="scope-case-clerk">([^<]*)<\/label>[\s\S]*?<select[^>]*name="scope-case-clerk"[^>]*>([\s\S]*?)<\/select>/.exec(page.body);
    expect(select?.[1]).toBe('Dienststelle für „Fallbearbeitung“');
    expect(select?.[2]).toContain(`<option value="${ordnungsamt}">Ordnungsamt Test</option>`);
    expect(select?.[2]).toContain(`<option value="${standesamt}">Standesamt Test</option>`);
    // Roles that hold everywhere get no select.
    expect(page.body).not.toContain('name="scope-editor"');
    const english = await (await adminClient()).get('/verwaltung/mitarbeitende/neu?lang=en');
    expect(english.body).toContain('Post room (printing letters)');
    expect(english.body).toContain('Office for “Case handling”');
  });

  it('grants a role bound to an office for the office chosen, and refuses one without an office or with an unknown one', async () => {
    const client = await adminClient();
    await client.get('/verwaltung/mitarbeitende/neu');
    const person = { displayName: 'Karla Klein', email: 'karla.klein@erkelenz.example', roles: 'case-clerk' };
    const none = await client.post('/verwaltung/mitarbeitende/neu', person);
    expect(none.status).toBe(422);
    expect(none.body).toContain('Bitte wählen Sie aus, wo die Rolle „Fallbearbeitung“ gilt (Dienststelle).');
    expect(none.body).toContain('href="#scope-case-clerk"');
    // What was typed stays.
    expect(none.body).toContain('value="Karla Klein"');
    const unknown = await client.post('/verwaltung/mitarbeitende/neu', { ...person, 'scope-case-clerk': '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toContain('Bitte wählen Sie für die Rolle „Fallbearbeitung“ eine der angebotenen Angaben (Dienststelle).');
    expect(await findUserByEmail(accountsDb(platform.ctx.db), person.email)).toBeUndefined();

    const created = await client.post('/verwaltung/mitarbeitende/neu', { ...person, 'scope-case-clerk': ordnungsamt });
    expect(created.location).toBe('/verwaltung/mitarbeitende?notice=created');
    const karla = (await findUserByEmail(accountsDb(platform.ctx.db), person.email))!;
    expect(await roles(karla.id)).toEqual([{ role: 'case-clerk', scopeKind: 'office', scopeId: ordnungsamt }]);
    const audit = await platform.ctx.db.selectFrom('audit_log').select('meta').where('subject_id', '=', karla.id).where('action', '=', 'accounts.staff-created').executeTakeFirstOrThrow();
    expect(audit.meta).toEqual({ roles: [{ role: 'case-clerk', scopeKind: 'office', scopeId: ordnungsamt }] });
    // The detail page shows the office chosen.
    const detail = await client.get(`/verwaltung/mitarbeitende/${karla.id}`);
    expect(detail.body).toContain(`<option value="${ordnungsamt}" selected>Ordnungsamt Test</option>`);
  });

  it('moves a role to another office, and keeps grants of roles no installed module offers any more', async () => {
    const colleague = await buildStaff(platform.ctx, [{ role: 'case-clerk', scopeKind: 'office', scopeId: ordnungsamt }, { role: 'appointments-desk' }]);
    const client = await adminClient();
    const detail = await client.get(`/verwaltung/mitarbeitende/${colleague.user.id}`);
    expect(detail.body).toContain('appointments-desk');
    const saved = await client.post(`/verwaltung/mitarbeitende/${colleague.user.id}/rollen`, { roles: 'case-clerk', 'scope-case-clerk': standesamt });
    expect(saved.location).toBe(`/verwaltung/mitarbeitende/${colleague.user.id}?notice=roles`);
    expect(await roles(colleague.user.id)).toEqual([{ role: 'appointments-desk' }, { role: 'case-clerk', scopeKind: 'office', scopeId: standesamt }]);
    const refused = await client.post(`/verwaltung/mitarbeitende/${colleague.user.id}/rollen`, { roles: 'case-clerk', 'scope-case-clerk': '' });
    expect(refused.status).toBe(422);
    expect(await roles(colleague.user.id)).toEqual([{ role: 'appointments-desk' }, { role: 'case-clerk', scopeKind: 'office', scopeId: standesamt }]);
  });
});

describe('the staff pages with roles bound to an office', () => {
  it('are valid HTML that names every field, the form with errors included', async () => {
    const htmlValidate = new HtmlValidate({ extends: ['html-validate:standard', 'html-validate:a11y', 'html-validate:document'], rules: { 'require-sri': ['error', { target: 'crossorigin' }] } });
    const messages = async (body: string) => (await htmlValidate.validateString(body)).results.flatMap((result) => result.messages.map((message) => `${message.ruleId}: ${message.message}`));
    const client = await adminClient();
    const colleague = await buildStaff(platform.ctx, [{ role: 'case-clerk', scopeKind: 'office', scopeId: ordnungsamt }, { role: 'appointments-desk' }]);
    for (const path of ['/verwaltung', '/verwaltung/mitarbeitende/neu', `/verwaltung/mitarbeitende/${colleague.user.id}`]) {
      const page = await client.get(path);
      expect(page.status, path).toBe(200);
      expect(await messages(page.body), path).toEqual([]);
    }
    await client.get('/verwaltung/mitarbeitende/neu');
    const refused = await client.post('/verwaltung/mitarbeitende/neu', { displayName: 'Vera Valide', email: 'vera.valide@erkelenz.example', roles: 'case-clerk' });
    expect(refused.status).toBe(422);
    expect(await messages(refused.body)).toEqual([]);
    // Each error is tied to its field for screen readers.
    expect(refused.body).toMatch(/<select[^>]*id="scope-case-clerk"[^>]*aria-describedby="scope-case-clerk-hint scope-case-clerk-error"[^>]*aria-invalid="true"/);
  });
});

describe('a role bound to an office', () => {
  it('counts in its own office only, while a role that holds everywhere counts in all', async () => {
    const caseworker = new FormClient(platform.app);
    await signInStaff(caseworker, await buildStaff(platform.ctx, [{ role: 'case-clerk', scopeKind: 'office', scopeId: ordnungsamt }]));
    expect((await caseworker.get(`/verwaltung/faelle/${ordnungsamt}`)).body).toBe(`cases of ${ordnungsamt}`);
    expect((await caseworker.get(`/verwaltung/faelle/${standesamt}`)).status).toBe(403);
    // The back office shows the way in, and the role in words with its office.
    const start = await caseworker.get('/verwaltung');
    expect(start.body).toContain('href="/verwaltung/faelle"');
    expect(start.body).toContain('Fallbearbeitung (Dienststelle: Ordnungsamt Test)');

    const administrator = await adminClient();
    expect((await administrator.get(`/verwaltung/faelle/${standesamt}`)).status).toBe(200);
    const editor = new FormClient(platform.app);
    await signInStaff(editor, await buildStaff(platform.ctx, [{ role: 'editor' }]));
    expect((await editor.get(`/verwaltung/faelle/${ordnungsamt}`)).status).toBe(403);
    expect((await editor.get('/verwaltung')).body).not.toContain('href="/verwaltung/faelle"');
  });

  it('is told to other modules: who holds a role at one office or bound to none, and everyone with their roles', async () => {
    const clerk = await buildStaff(platform.ctx, [{ role: 'case-clerk', scopeKind: 'office', scopeId: ordnungsamt }, { role: 'editor' }]);
    const editor = await buildStaff(platform.ctx, [{ role: 'editor' }]);
    const gone = await buildStaff(platform.ctx, [{ role: 'editor' }], { disabled_at: new Date() });
    const ids = (rows: readonly { userId: string }[]) => rows.map((row) => row.userId);
    expect(ids(await staffHolding(platform.ctx.db, 'case-clerk', { kind: 'office', id: ordnungsamt }))).toContain(clerk.user.id);
    expect(ids(await staffHolding(platform.ctx.db, 'case-clerk', { kind: 'office', id: standesamt }))).not.toContain(clerk.user.id);
    const editors = ids(await staffHolding(platform.ctx.db, 'editor'));
    expect(editors).toEqual(expect.arrayContaining([clerk.user.id, editor.user.id]));
    expect(editors).not.toContain(gone.user.id);
    // A role bound to an office is not held "everywhere".
    expect(ids(await staffHolding(platform.ctx.db, 'case-clerk'))).not.toContain(clerk.user.id);

    const roster = await staffRoster(platform.ctx.db);
    expect(roster.find((member) => member.userId === clerk.user.id)?.roles.sort()).toEqual(['case-clerk', 'editor']);
    expect(ids(roster)).not.toContain(gone.user.id);
    expect(await staffMember(platform.ctx.db, editor.user.id)).toEqual({ userId: editor.user.id, name: editor.user.display_name, roles: ['editor'] });
    expect(await staffMember(platform.ctx.db, gone.user.id)).toBeUndefined();
    expect(await staffIdByEmail(platform.ctx.db, editor.user.email!)).toBe(editor.user.id);
  });

  it('is granted from the command line as role@office, and refused there without its office', async () => {
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
    const args = ['--email', 'kurt.kommando@erkelenz.example', '--name', 'Kurt Kommando', '--print-link'];
    expect(await createStaffCommand.run(platform.ctx, [...args, '--role', 'case-clerk'], io)).toBe(1);
    expect(lines.join('\n')).toContain('scope-case-clerk: Please choose where the role “Case handling” applies (Office).');
    expect(lines.join('\n')).toContain('Roles: administrator, editor, print-room, form-designer, caseworker@<office id>, counter-clerk@<office id>, data-publisher@<data-organization id>, initiative-moderator, resource-keeper@<office id>, trainer, training-coordinator, digital-pilot@<office id>, case-clerk@<office id>');
    expect(await createStaffCommand.run(platform.ctx, [...args, '--role', `case-clerk@${standesamt}`, '--role', 'print-room'], io)).toBe(0);
    const kurt = (await findUserByEmail(accountsDb(platform.ctx.db), 'kurt.kommando@erkelenz.example'))!;
    expect(await roles(kurt.id)).toEqual([{ role: 'case-clerk', scopeKind: 'office', scopeId: standesamt }, { role: 'print-room' }]);
  });
});

describe('the migration to module roles', () => {
  it('keeps every grant: an office becomes a scope of kind office, and the print room keeps its letters', async () => {
    const database = await emptyDatabase();
    try {
      const before = (sets: Migrations[]) => sets.map((set) => Object.fromEntries(Object.entries(set).filter(([name]) => name < '202612061200_role_scopes')));
      // The kernel's migrations and this module's are all the grants' table needs.
      const sets = migrationSets([accountsModule]);
      await migrateToLatest(database.db, before(sets));
      const user = await sql<{ id: string }>`insert into users (kind, display_name) values ('staff', 'Alt') returning id`.execute(database.db);
      const id = user.rows[0]!.id;
      await sql`insert into staff_roles (user_id, role, office_id) values (${id}, 'case-clerk', 'ordnungsamt'), (${id}, 'appointments-desk', ''), (${id}, 'editor', '')`.execute(database.db);
      expect(await migrateToLatest(database.db, sets)).toContain('202612061200_role_scopes');
      const after = await sql<{ role: string; scope_kind: string; scope_id: string }>`select role, scope_kind, scope_id from staff_roles order by role`.execute(database.db);
      expect(after.rows).toEqual([
        { role: 'appointments-desk', scope_kind: '', scope_id: '' },
        { role: 'case-clerk', scope_kind: 'office', scope_id: 'ordnungsamt' },
        { role: 'editor', scope_kind: '', scope_id: '' },
        { role: 'print-room', scope_kind: '', scope_id: '' },
      ]);
      await expect(sql`insert into staff_roles (user_id, role, scope_kind, scope_id) values (${id}, 'x', 'office', '')`.execute(database.db)).rejects.toThrow(/staff_roles_scope_check/);
    } finally {
      await database.close();
    }
    // Every migration on a new database: seconds alone, much longer beside other test files.
  }, 120_000);
});
