import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { accountsDb, findUserByEmail } from './repo.ts';
import { buildCitizen, buildStaff, signInStaff } from './test/builders.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

function linkIn(text: string | undefined, path: string): string {
  const match = new RegExp(`https?://[^\\s]+(${path}\\?token=[\\w-]+)`).exec(text ?? '');
  if (!match?.[1]) throw new Error(`No ${path} link in mail:\n${text}`);
  return match[1];
}

/** Every job payload the queue holds, whatever its state, as pg-boss stores it. */
async function queuedPayloads(): Promise<{ name: string; data: unknown }[]> {
  const { rows } = await sql<{ name: string; data: unknown }>`select name, data from pgboss.job`.execute(platform.ctx.db);
  return rows;
}

const mailsTo = (address: string, subject: string) => platform.smtp.messages.filter((mail) => JSON.stringify(mail.to ?? '').includes(address) && mail.subject === subject);

describe('12.8 no working link rests in the job queue', () => {
  it('12.8 queues only the account and the purpose; the job makes the token when it sends, and the link works', async () => {
    const { user } = await buildCitizen(platform.ctx);
    const client = new FormClient(platform.app);
    await client.get('/passwort-vergessen');
    await client.post('/passwort-vergessen', { email: user.email! });
    const admin = await buildStaff(platform.ctx, [{ role: 'administrator' }]);
    const adminClient = new FormClient(platform.app);
    await signInStaff(adminClient, admin);
    await adminClient.get('/verwaltung/mitarbeitende/neu');
    await adminClient.post('/verwaltung/mitarbeitende/neu', { displayName: 'Ida Neu', email: 'ida.neu@erkelenz.example', roles: 'editor' });
    const ida = await findUserByEmail(accountsDb(platform.ctx.db), 'ida.neu@erkelenz.example');

    const queued = await queuedPayloads();
    const accountMails = queued.filter((job) => job.name === 'accounts.send-account-mail').map((job) => job.data);
    expect(accountMails).toEqual(expect.arrayContaining([{ userId: user.id, purpose: 'reset' }, { userId: ida!.id, purpose: 'invite' }]));
    const everything = JSON.stringify(queued);
    for (const secret of ['token=', '/passwort-neu', '/einladung', user.email!]) expect(everything).not.toContain(secret);
    const tokensBefore = await accountsDb(platform.ctx.db).selectFrom('account_tokens').select('token_hash').where('user_id', 'in', [user.id, ida!.id]).execute();
    expect(tokensBefore).toEqual([]);

    await platform.runJobs();
    expect(JSON.stringify(await queuedPayloads())).not.toContain('token=');
    const link = linkIn(platform.smtp.lastTo(user.email!)?.text, '/passwort-neu');
    expect((await client.get(link)).status).toBe(200);
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const saved = await client.post('/passwort-neu', { token, password: 'Ein neues langes Passwort', passwordRepeat: 'Ein neues langes Passwort' });
    expect(saved.location).toBe('/anmelden?notice=password-set');
    expect((await new FormClient(platform.app).get(linkIn(platform.smtp.lastTo('ida.neu@erkelenz.example')?.text, '/einladung'))).status).toBe(200);
  });
});

describe('12.13 mail content and mail bombing', () => {
  it('12.13 greets an unconfirmed address without the name typed at registration', async () => {
    const lure = 'Gewinn! Rufen Sie sofort evil.example an';
    const client = new FormClient(platform.app);
    await client.get('/registrieren');
    const form = { displayName: lure, email: 'opfer@example.org', password: 'Ein langes Passwort für Tests', passwordRepeat: 'Ein langes Passwort für Tests', privacy: 'yes' };
    expect((await client.post('/registrieren', form)).status).toBe(200);
    await client.get('/registrieren');
    expect((await client.post('/registrieren', form)).status).toBe(200);
    await platform.runJobs();
    const mails = platform.smtp.messages.filter((mail) => JSON.stringify(mail.to ?? '').includes('opfer@example.org'));
    expect(mails.map((mail) => mail.subject)).toEqual(['Bitte bestätigen Sie Ihre E-Mail-Adresse', 'Sie haben bereits ein Konto']);
    for (const mail of mails) {
      expect(mail.text).toMatch(/^Guten Tag,\n/);
      expect(mail.text).not.toContain('Gewinn');
      expect(mail.text).not.toContain('evil.example');
    }
    // Once the address is confirmed, the name is the owner's own and greets them.
    const { user } = await buildCitizen(platform.ctx, { display_name: 'Clara Bürgerin' });
    await client.get('/passwort-vergessen');
    await client.post('/passwort-vergessen', { email: user.email! });
    await platform.runJobs();
    expect(platform.smtp.lastTo(user.email!)?.text).toMatch(/^Guten Tag Clara Bürgerin,\n/);
  });

  it('12.13 sends at most three mails of a kind to one address an hour, from however many clients, and says the same either way', async () => {
    const { user } = await buildCitizen(platform.ctx);
    const answers = new Set<string>();
    const sentText = (body: string) => /<div class="kern-alert__body">([\s\S]*?)<\/div>/.exec(body)?.[1];
    for (const email of [...Array<string>(5).fill(user.email!), 'niemand-da@example.org']) {
      const client = new FormClient(platform.app);
      await client.get('/passwort-vergessen');
      const response = await client.post('/passwort-vergessen', { email });
      expect(response.status).toBe(200);
      answers.add(sentText(response.body) ?? '');
    }
    expect([...answers]).toEqual(['<p class="kern-body">Wenn es zu dieser Adresse ein Konto gibt, haben wir einen Link geschickt. Er gilt eine Stunde.</p>']);
    await platform.runJobs();
    expect(mailsTo(user.email!, 'Neues Passwort festlegen')).toHaveLength(3);

    // Confirmation mails are counted on their own.
    const unconfirmed = await buildCitizen(platform.ctx, { email_verified_at: null });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const client = new FormClient(platform.app);
      await client.get('/registrieren/erneut-senden');
      expect((await client.post('/registrieren/erneut-senden', { email: unconfirmed.user.email! })).status).toBe(200);
    }
    await platform.runJobs();
    expect(mailsTo(unconfirmed.user.email!, 'Bitte bestätigen Sie Ihre E-Mail-Adresse')).toHaveLength(3);
  });
});
