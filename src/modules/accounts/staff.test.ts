import { sql } from 'kysely';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { createStaffCommand } from './commands.ts';
import { accountMailJob } from './jobs.ts';
import * as withoutDetails from './migrations/202612101000_sign_in_notice_without_details.ts';
import { accountsDb, findUserByEmail, rolesOf } from './repo.ts';
import { buildCitizen, buildStaff, signInStaff } from './test/builders.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

async function staffLogin(client: FormClient, staff: Awaited<ReturnType<typeof buildStaff>>, step = 0) {
  await client.get('/anmelden');
  const first = await client.post('/anmelden', { email: staff.user.email!, password: staff.password });
  expect(first.location).toBe('/anmelden/zweiter-faktor');
  await client.get('/anmelden/zweiter-faktor');
  return client.post('/anmelden/zweiter-faktor', { code: await staff.code(step) });
}

async function auditActions(subjectId: string) {
  const rows = await platform.ctx.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', subjectId).execute();
  return rows.map((row) => row.action);
}

describe('staff login with a second factor', () => {
  it('asks for the code after the password and admits only with the right one', async () => {
    const staff = await buildStaff(platform.ctx, [{ role: 'editor' }]);
    const client = new FormClient(platform.app);
    await client.get('/anmelden');
    await client.post('/anmelden', { email: staff.user.email!, password: staff.password });
    // Between password and code the session is not signed in.
    expect((await client.get('/verwaltung')).location).toContain('/anmelden');
    await client.get('/anmelden');
    await client.post('/anmelden', { email: staff.user.email!, password: staff.password });
    const pendingSession = client.cookies.get('session');
    await client.get('/anmelden/zweiter-faktor');
    const wrong = await client.post('/anmelden/zweiter-faktor', { code: '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('Der Sicherheitscode ist nicht richtig oder abgelaufen.');
    const code = await staff.code();
    const right = await client.post('/anmelden/zweiter-faktor', { code });
    expect(right.location).toBe('/verwaltung');
    expect(client.cookies.get('session')).not.toBe(pendingSession);
    expect((await client.get('/verwaltung')).body).toContain('Redaktion');
    expect(await auditActions(staff.user.id)).toContain('accounts.staff-signed-in');
    // The same code cannot be used twice.
    const replay = new FormClient(platform.app);
    await replay.get('/anmelden');
    await replay.post('/anmelden', { email: staff.user.email!, password: staff.password });
    await replay.get('/anmelden/zweiter-faktor');
    // The very code used above: asking for a new one could cross into the next 30-second step.
    expect((await replay.post('/anmelden/zweiter-faktor', { code })).status).toBe(422);
  });

  it('invites new staff, who set a password and enrol an authenticator at first login', async () => {
    const admin = await buildStaff(platform.ctx, [{ role: 'administrator' }]);
    const client = new FormClient(platform.app);
    await staffLogin(client, admin);
    await client.get('/verwaltung/mitarbeitende/neu');
    const noRole = await client.post('/verwaltung/mitarbeitende/neu', { displayName: 'Karl Klein', email: 'karl.klein@erkelenz.example' });
    expect(noRole.status).toBe(422);
    expect(noRole.body).toContain('Bitte wählen Sie mindestens eine der angebotenen Rollen.');
    const created = await client.post('/verwaltung/mitarbeitende/neu', { displayName: 'Karl Klein', email: 'karl.klein@erkelenz.example', roles: 'print-room' });
    expect(created.location).toBe('/verwaltung/mitarbeitende?notice=created');
    const karl = await findUserByEmail(accountsDb(platform.ctx.db), 'karl.klein@erkelenz.example');
    expect(await rolesOf(accountsDb(platform.ctx.db), karl!.id)).toEqual([{ role: 'print-room' }]);
    const audit = await platform.ctx.db.selectFrom('audit_log').selectAll().where('subject_id', '=', karl!.id).where('action', '=', 'accounts.staff-created').executeTakeFirst();
    expect(audit?.actor_id).toBe(admin.user.id);

    await platform.runJobs();
    const invite = /(\/einladung\?token=[\w-]+)/.exec(platform.smtp.lastTo('karl.klein@erkelenz.example')?.text ?? '')?.[1];
    expect(invite).toBeDefined();
    const newcomer = new FormClient(platform.app);
    await newcomer.get(invite!);
    const token = new URL(invite!, 'http://x').searchParams.get('token')!;
    await newcomer.post('/einladung', { token, password: 'Karls sicheres Passwort', passwordRepeat: 'Karls sicheres Passwort' });
    await newcomer.get('/anmelden');
    const first = await newcomer.post('/anmelden', { email: 'karl.klein@erkelenz.example', password: 'Karls sicheres Passwort' });
    expect(first.location).toBe('/anmelden/zweiter-faktor/einrichten');
    const enrol = await newcomer.get('/anmelden/zweiter-faktor/einrichten');
    const secret = /data-secret="([A-Z2-7]+)"/.exec(enrol.body)?.[1];
    expect(secret).toBeDefined();
    const done = await newcomer.post('/anmelden/zweiter-faktor/einrichten', { code: await generate({ secret: secret! }) });
    expect(done.status).toBe(200);
    expect(done.body.match(/data-recovery-code/g)).toHaveLength(10);
    expect(done.body).toContain('href="/verwaltung"');
    expect((await newcomer.get('/verwaltung')).body).toContain('Poststelle (Briefdruck)');
    expect(await auditActions(karl!.id)).toContain('accounts.second-factor-enrolled');
  });
});

describe('a lost second factor', () => {
  /** A staff member who sets up an authenticator through the enrolment page and keeps the codes shown. */
  async function enrolled(client: FormClient) {
    const staff = await buildStaff(platform.ctx, [{ role: 'editor' }], { totp_secret: null, totp_confirmed_at: null });
    await client.get('/anmelden');
    await client.post('/anmelden', { email: staff.user.email!, password: staff.password });
    const enrol = await client.get('/anmelden/zweiter-faktor/einrichten');
    const secret = /data-secret="([A-Z2-7]+)"/.exec(enrol.body)![1]!;
    const shown = await client.post('/anmelden/zweiter-faktor/einrichten', { code: await generate({ secret }) });
    const codes = [...shown.body.matchAll(/<code data-recovery-code[^>]*>([\d-]+)<\/code>/g)].map((match) => match[1]!);
    await client.post('/abmelden', {});
    return { staff, secret, codes };
  }

  it('gives ten one-time recovery codes at set-up, keeps only their hashes, and lets each stand in for the app once', async () => {
    const client = new FormClient(platform.app);
    const { staff, codes } = await enrolled(client);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await accountsDb(platform.ctx.db).selectFrom('recovery_codes').selectAll().where('user_id', '=', staff.user.id).execute();
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replaceAll('-', ''));

    const codeStep = async () => {
      await client.get('/anmelden');
      await client.post('/anmelden', { email: staff.user.email!, password: staff.password });
      await client.get('/anmelden/zweiter-faktor');
    };
    await codeStep();
    expect((await client.post('/anmelden/zweiter-faktor', { code: codes[0]!.replaceAll('-', ' ') })).location).toBe('/verwaltung');
    expect(await auditActions(staff.user.id)).toContain('accounts.recovery-code-used');
    await client.post('/abmelden', {});
    await codeStep();
    const reused = await client.post('/anmelden/zweiter-faktor', { code: codes[0]! });
    expect(reused.status).toBe(422);
    expect(reused.body).toContain('Der Sicherheitscode ist nicht richtig oder abgelaufen.');
    // Wrong recovery codes count toward the same limit as wrong app codes.
    for (let attempt = 0; attempt < 3; attempt += 1) expect((await client.post('/anmelden/zweiter-faktor', { code: '1111-2222-3333-4444' })).status).toBe(422);
    expect((await client.post('/anmelden/zweiter-faktor', { code: '1111-2222-3333-4444' })).status).toBe(429);
  });

  it('lets an administrator reset a staff member’s second factor: sessions end, a record and a mail, set-up again at the next sign-in', async () => {
    const admin = await buildStaff(platform.ctx, [{ role: 'administrator' }]);
    const adminClient = new FormClient(platform.app);
    await staffLogin(adminClient, admin);
    const colleagueClient = new FormClient(platform.app);
    const { staff: colleague, secret } = await enrolled(colleagueClient);
    await colleagueClient.get('/anmelden');
    await colleagueClient.post('/anmelden', { email: colleague.user.email!, password: colleague.password });
    await colleagueClient.get('/anmelden/zweiter-faktor');
    // The next time step: the code typed at set-up cannot be used again.
    const nextCode = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect((await colleagueClient.post('/anmelden/zweiter-faktor', { code: nextCode })).location).toBe('/verwaltung');

    const detail = await adminClient.get(`/verwaltung/mitarbeitende/${colleague.user.id}`);
    expect(detail.body).toContain('Zweiten Faktor zurücksetzen');
    const reset = await adminClient.post(`/verwaltung/mitarbeitende/${colleague.user.id}/zweiter-faktor`, {});
    expect(reset.location).toBe(`/verwaltung/mitarbeitende/${colleague.user.id}?notice=second-factor`);
    expect((await colleagueClient.get('/verwaltung')).status).toBe(303);
    const record = await platform.ctx.db.selectFrom('audit_log').select('actor_id').where('subject_id', '=', colleague.user.id).where('action', '=', 'accounts.second-factor-reset').executeTakeFirst();
    expect(record?.actor_id).toBe(admin.user.id);
    expect(await accountsDb(platform.ctx.db).selectFrom('recovery_codes').select('code_hash').where('user_id', '=', colleague.user.id).execute()).toEqual([]);
    await platform.runJobs();
    const mail = platform.smtp.lastTo(colleague.user.email!);
    expect(mail?.subject).toBe('Ihr zweiter Faktor wurde zurückgesetzt');
    expect(mail?.text).toContain('/anmelden');

    await colleagueClient.get('/anmelden');
    const next = await colleagueClient.post('/anmelden', { email: colleague.user.email!, password: colleague.password });
    expect(next.location).toBe('/anmelden/zweiter-faktor/einrichten');
  });
});

describe('sign-in notices', () => {
  /** What the job queue holds of a person's sign-in notices: payloads only. */
  async function queuedNotices(userId: string) {
    const { rows } = await sql<{ data: Record<string, unknown> }>`
      select data from pgboss.job where name = 'accounts.send-account-mail' and data->>'userId' = ${userId} and data->>'purpose' = 'staff-signed-in'`.execute(platform.ctx.db);
    return rows.map((row) => row.data);
  }

  it('takes address and browser out of notices queued the old way, and still sends them', async () => {
    const staff = await buildStaff(platform.ctx, [{ role: 'editor' }]);
    const signIn = { at: new Date().toISOString(), userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', address: '198.51.100.79' };
    const before = { userId: staff.user.id, purpose: 'staff-signed-in' as const, signIn };
    await platform.ctx.db.transaction().execute((trx) => platform.ctx.jobs.enqueue(trx, accountMailJob, before));
    expect(JSON.stringify(await queuedNotices(staff.user.id))).toContain('198.51.100.79');
    await withoutDetails.up(platform.ctx.db);
    expect(await queuedNotices(staff.user.id)).toEqual([{ userId: staff.user.id, purpose: 'staff-signed-in' }]);
    await platform.runJobs();
    expect(platform.smtp.lastTo(staff.user.email!)?.text).toContain('Adresse: –');
  });

  it('still warns of a sign-in whose session ended before the mail went out, without what left with it', async () => {
    const staff = await buildStaff(platform.ctx, [{ role: 'editor' }]);
    const client = new FormClient(platform.app, '198.51.100.78');
    await signInStaff(client, staff);
    await client.get('/verwaltung');
    expect((await client.post('/abmelden', {})).status).toBe(303);
    expect(await platform.ctx.sessions.store.listFor(staff.user.id)).toEqual([]);
    await platform.runJobs();
    const mail = platform.smtp.lastTo(staff.user.email!);
    expect(mail?.subject).toBe('Neue Anmeldung mit Ihrem Dienstkonto');
    expect(mail?.text).toContain('Zeitpunkt: nicht mehr bekannt, die Sitzung ist schon beendet');
    expect(mail?.text).not.toContain('198.51.100.78');
    expect(JSON.stringify(await queuedNotices(staff.user.id))).not.toContain('198.51.100.78');
  });

  it('tells staff by mail of each new sign-in: when, with which browser, from which address', async () => {
    const staff = await buildStaff(platform.ctx, [{ role: 'editor' }]);
    const client = new FormClient(platform.app, '198.51.100.77');
    const firefox = { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0' };
    await client.get('/anmelden');
    await client.post('/anmelden', { email: staff.user.email!, password: staff.password }, firefox);
    await client.get('/anmelden/zweiter-faktor');
    expect((await client.post('/anmelden/zweiter-faktor', { code: await staff.code() }, firefox)).location).toBe('/verwaltung');
    // The queued notice names the session, not the browser or the address, which stay in the session's row.
    expect(await queuedNotices(staff.user.id)).toEqual([{ userId: staff.user.id, purpose: 'staff-signed-in', session: expect.any(String) }]);
    await platform.runJobs();
    const mail = platform.smtp.lastTo(staff.user.email!);
    expect(mail?.subject).toBe('Neue Anmeldung mit Ihrem Dienstkonto');
    expect(mail?.text).toContain('Browser: Firefox unter Windows');
    expect(mail?.text).toContain('Adresse: 198.51.100.77');
    expect(mail?.text).toMatch(/Zeitpunkt: \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);

    const { user, password } = await buildCitizen(platform.ctx);
    const citizen = new FormClient(platform.app);
    await citizen.get('/anmelden');
    expect((await citizen.post('/anmelden', { email: user.email!, password })).location).toBe('/konto');
    await platform.runJobs();
    expect(platform.smtp.lastTo(user.email!)).toBeUndefined();
  });
});

describe('role checks in the back office', () => {
  it('lets only administrators manage staff', async () => {
    const editor = await buildStaff(platform.ctx, [{ role: 'editor' }]);
    const editorClient = new FormClient(platform.app);
    await staffLogin(editorClient, editor);
    expect((await editorClient.get('/verwaltung/mitarbeitende')).status).toBe(403);
    expect((await editorClient.get('/verwaltung/mitarbeitende/neu')).status).toBe(403);
    const forged = await editorClient.post(`/verwaltung/mitarbeitende/${editor.user.id}/rollen`, { roles: 'administrator' });
    expect(forged.status).toBe(403);
    expect(await rolesOf(accountsDb(platform.ctx.db), editor.user.id)).toEqual([{ role: 'editor' }]);

    const { user, password } = await buildCitizen(platform.ctx);
    const citizen = new FormClient(platform.app);
    await citizen.get('/anmelden');
    await citizen.post('/anmelden', { email: user.email!, password });
    expect((await citizen.get('/verwaltung')).status).toBe(403);
    expect((await citizen.get('/verwaltung/mitarbeitende')).status).toBe(403);
    expect((await new FormClient(platform.app).get('/verwaltung/mitarbeitende')).location).toContain('/anmelden');
  });

  it('answers unknown and malformed ids with 404 and 400, never 500', async () => {
    const admin = await buildStaff(platform.ctx, [{ role: 'administrator' }]);
    const client = new FormClient(platform.app);
    await staffLogin(client, admin);
    expect((await client.get('/verwaltung/mitarbeitende/3f2504e0-4f89-11d3-9a0c-0305e82c3301')).status).toBe(404);
    const malformed = await client.get('/verwaltung/mitarbeitende/nicht-eine-id');
    expect(malformed.status).toBe(400);
    // A citizen's id is not a staff member.
    const { user } = await buildCitizen(platform.ctx);
    expect((await client.get(`/verwaltung/mitarbeitende/${user.id}`)).status).toBe(404);
  });

  it('keeps administrators from locking themselves out and ends a disabled account\'s sessions', async () => {
    const admin = await buildStaff(platform.ctx, [{ role: 'administrator' }]);
    const colleague = await buildStaff(platform.ctx, [{ role: 'print-room' }]);
    const adminClient = new FormClient(platform.app);
    await staffLogin(adminClient, admin);
    await adminClient.get(`/verwaltung/mitarbeitende/${admin.user.id}`);
    const self = await adminClient.post(`/verwaltung/mitarbeitende/${admin.user.id}/rollen`, { roles: 'editor' });
    expect(self.status).toBe(422);
    expect(self.body).toContain('Sie würden sich selbst aussperren.');

    const colleagueClient = new FormClient(platform.app);
    await staffLogin(colleagueClient, colleague);
    expect((await colleagueClient.get('/verwaltung')).status).toBe(200);
    await adminClient.get(`/verwaltung/mitarbeitende/${colleague.user.id}`);
    const disabled = await adminClient.post(`/verwaltung/mitarbeitende/${colleague.user.id}/deaktivieren`, {});
    expect(disabled.location).toBe(`/verwaltung/mitarbeitende/${colleague.user.id}?notice=disabled`);
    expect((await colleagueClient.get('/verwaltung')).status).toBe(303);
    expect(await auditActions(colleague.user.id)).toEqual(expect.arrayContaining(['accounts.staff-viewed', 'accounts.staff-disabled']));
  });
});

describe('create-staff command', () => {
  it('creates a staff account from the command line, mails the invitation or prints it instead, and refuses bad arguments', async () => {
    const output: string[] = [];
    const errors: string[] = [];
    const io = { out: (line: string) => output.push(line), err: (line: string) => errors.push(line) };
    const code = await createStaffCommand.run(platform.ctx, ['--email', 'cli.admin@erkelenz.example', '--name', 'CLI Admin', '--role', 'administrator'], io);
    expect(code).toBe(0);
    expect(output.join('\n')).toContain('Invitation mailed to cli.admin@erkelenz.example');
    expect(output.join('\n')).not.toMatch(/token=/);
    const user = await findUserByEmail(accountsDb(platform.ctx.db), 'cli.admin@erkelenz.example');
    expect(await rolesOf(accountsDb(platform.ctx.db), user!.id)).toEqual([{ role: 'administrator' }]);
    expect(platform.smtp.lastTo('cli.admin@erkelenz.example')?.text).toMatch(/\/einladung\?token=/);

    const printed = await createStaffCommand.run(platform.ctx, ['--email', 'ohne.post@erkelenz.example', '--name', 'Ohne Post', '--role', 'editor', '--print-link'], io);
    expect(printed).toBe(0);
    const link = /(\/einladung\?token=[\w-]+)/.exec(output.join('\n'))?.[1];
    expect(link).toBeDefined();
    expect((await new FormClient(platform.app).get(link!)).status).toBe(200);
    await platform.runJobs();
    expect(platform.smtp.lastTo('ohne.post@erkelenz.example')).toBeUndefined();

    expect(await createStaffCommand.run(platform.ctx, ['--email', 'kaputt', '--name', 'X', '--role', 'king'], io)).toBe(1);
    expect(errors.join('')).toContain('roles: Please choose at least one of the offered roles.');
  });
});
