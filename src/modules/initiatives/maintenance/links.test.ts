import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { hashToken } from '#kernel/auth/sessions.ts';
import { searchDocuments } from '#kernel/search/index.ts';
import { initiativesDb } from '../repo.ts';
import { buildInitiative, buildMaintainer } from '../test/builders.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const linkIn = (text: string | undefined) => [...(text ?? '').matchAll(/http:\/\/[^\s]+(\/initiativen\/pflegen\/link\/[\w-]+)/g)].map((match) => match[1]!);
const db = () => initiativesDb(platform.ctx.db);

/** Asks for a link as a person would and returns the paths the mail to the address carries (none when no mail came). */
async function requestLinks(client: FormClient, email: string): Promise<{ page: string; links: string[] }> {
  await client.get('/initiativen/pflegen');
  const before = platform.smtp.lastTo(email);
  const sent = await client.post('/initiativen/pflegen', { email });
  expect(sent.status).toBe(303);
  const page = (await client.follow(sent)).body;
  await platform.runJobs();
  const mail = platform.smtp.lastTo(email);
  return { page, links: mail && mail !== before ? linkIn(mail.text) : [] };
}

/** Opens a link's page and presses its button: the browser gets the entry's grant. */
async function openLink(client: FormClient, link: string) {
  const ask = await client.get(link);
  expect(ask.status).toBe(200);
  return client.post(link, {});
}

describe('a maintainer keeps the entry current through a mailed link', () => {
  it('mails a link, opens the entry, and an edit is live at once and waits in the review list', async () => {
    const initiative = await buildInitiative(platform.ctx, { name: 'Repair-Café Gerderath', confirmed_current_at: new Date('2026-01-01T10:00:00Z') });
    const maintainer = await buildMaintainer(platform.ctx, initiative.id, { email: 'repair-cafe@example.org' });
    const client = new FormClient(platform.app);
    const { page, links } = await requestLinks(client, 'repair-cafe@example.org');
    expect(page).toContain('Wenn die Adresse bei einem veröffentlichten Eintrag hinterlegt ist');
    expect(links).toHaveLength(1);
    // The key is kept only as its hash, bound to the maintainer, for a day.
    const key = links[0]!.split('/').pop()!;
    const stored = await db().selectFrom('initiative_keys').selectAll().where('key_hash', '=', hashToken(key)).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ initiative_id: initiative.id, maintainer_id: maintainer.id, purpose: 'edit' });
    expect(stored.expires_at.getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(stored.expires_at.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);

    // Following the link only asks; a mail scanner that opens it gets no access.
    const ask = await client.get(links[0]!);
    expect(ask.body).toContain('Eintrag öffnen');
    expect(await htmlProblems(links[0]!, ask.body)).toEqual([]);
    expect((await client.get(`/initiativen/pflegen/${initiative.id}`)).status).toBe(404);

    await client.get(links[0]!);
    const opened = await client.post(links[0]!, {});
    expect(opened.status).toBe(303);
    expect(opened.location).toBe(`/initiativen/pflegen/${initiative.id}`);
    const entry = await client.follow(opened);
    expect(entry.status).toBe(200);
    expect(entry.body).toContain('value="Repair-Café Gerderath"');
    expect(await htmlProblems(`/initiativen/pflegen/${initiative.id}`, entry.body)).toEqual([]);

    const saved = await client.post(`/initiativen/pflegen/${initiative.id}`, {
      name: 'Repair-Café Gerderath e. V.',
      summary: 'Wir reparieren gemeinsam Toaster, Fahrräder und Kleidung.',
      providerKind: 'verein',
      domains: 'umwelt',
      districts: 'gerderath',
      accessibility: 'stufenlos',
      website: 'repaircafe-gerderath.example.org',
      meetingTimes: 'Jeden ersten Samstag im Monat, 10 bis 13 Uhr',
      latitude: '51,0794',
      longitude: '6,3161',
    });
    expect(saved.status).toBe(303);
    expect((await client.follow(saved)).body).toContain('Ihre Änderungen sind gespeichert und öffentlich sichtbar.');
    const row = await db().selectFrom('initiatives').selectAll().where('id', '=', initiative.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Repair-Café Gerderath e. V.', status: 'published', domains: ['umwelt'], districts: ['gerderath'], accessibility: ['stufenlos'], latitude: '51.079400', website: 'https://repaircafe-gerderath.example.org', edit_reviewed_at: null });
    expect(row.edited_at).not.toBeNull();
    expect(row.confirmed_current_at!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    const audit = await platform.ctx.db.selectFrom('audit_log').selectAll().where('subject_id', '=', initiative.id).where('action', '=', 'initiatives.entry-edited').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ subject_type: 'initiatives.initiative', actor_label: 'anonymous' });
    expect(audit.meta).toMatchObject({ maintainerId: maintainer.id });

    // The public page shows the new name with no staff action.
    const publicPage = await new FormClient(platform.app).get(`/initiativen/${initiative.slug}`);
    expect(publicPage.status).toBe(200);
    expect(publicPage.body).toContain('Repair-Café Gerderath e. V.');
    // And the platform-wide search finds it by its new words.
    expect((await searchDocuments(platform.ctx, 'Kleidung', 'de')).hits.map((hit) => hit.url)).toContain(`/initiativen/${initiative.slug}`);
  });

  it('confirms the entry as current without changing it', async () => {
    const initiative = await buildInitiative(platform.ctx, { confirmed_current_at: new Date('2025-12-01T10:00:00Z') });
    await buildMaintainer(platform.ctx, initiative.id, { email: 'aktuell@example.org' });
    const client = new FormClient(platform.app);
    const { links } = await requestLinks(client, 'aktuell@example.org');
    await client.follow(await openLink(client, links[0]!));
    const done = await client.post(`/initiativen/pflegen/${initiative.id}/aktuell`, {});
    expect(done.status).toBe(303);
    const row = await db().selectFrom('initiatives').selectAll().where('id', '=', initiative.id).executeTakeFirstOrThrow();
    expect(row.confirmed_current_at!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(row.edited_at).toBeNull();
    expect(row.name).toBe(initiative.name);
  });

  it('answers an unknown address with the same page as a known one, and sends it nothing', async () => {
    const client = new FormClient(platform.app);
    const unknown = await requestLinks(client, 'niemand-bekannt@example.org');
    expect(unknown.links).toEqual([]);
    expect(platform.smtp.lastTo('niemand-bekannt@example.org')).toBeUndefined();
    const initiative = await buildInitiative(platform.ctx);
    await buildMaintainer(platform.ctx, initiative.id, { email: 'bekannt@example.org' });
    const known = await requestLinks(new FormClient(platform.app), 'bekannt@example.org');
    expect(known.links).toHaveLength(1);
    expect(unknown.page).toBe(known.page.replace(/name="_csrf" value="[^"]*"/, unknown.page.match(/name="_csrf" value="[^"]*"/)?.[0] ?? ''));
  });

  it('refuses a bad address with 422 in German, keeping what was typed', async () => {
    const client = new FormClient(platform.app);
    await client.get('/initiativen/pflegen');
    const refused = await client.post('/initiativen/pflegen', { email: 'kein-at-zeichen' });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('value="kein-at-zeichen"');
    expect(refused.body).toMatch(/E-Mail-Adresse/);
    expect(await htmlProblems('/initiativen/pflegen', refused.body)).toEqual([]);
  });

  it('limits how often one address asks for links', async () => {
    const client = new FormClient(platform.app);
    await client.get('/initiativen/pflegen');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) statuses.push((await client.post('/initiativen/pflegen', { email: `viele-${attempt}@example.org` })).status);
    expect(statuses.slice(0, 5)).toEqual([303, 303, 303, 303, 303]);
    expect(statuses[5]).toBe(429);
  });

  it('gives a pending maintainer no link until a moderator approves', async () => {
    const initiative = await buildInitiative(platform.ctx);
    await buildMaintainer(platform.ctx, initiative.id, { email: 'wartet@example.org', status: 'pending', approved_at: null });
    expect((await requestLinks(new FormClient(platform.app), 'wartet@example.org')).links).toEqual([]);
    await db().updateTable('initiative_maintainers').set({ status: 'active', approved_at: new Date() }).where('email', '=', 'wartet@example.org').execute();
    expect((await requestLinks(new FormClient(platform.app), 'wartet@example.org')).links).toHaveLength(1);
  });

  it('opens nothing with a wrong, expired or another entry’s key, nor another entry with a valid grant', async () => {
    const mine = await buildInitiative(platform.ctx);
    const other = await buildInitiative(platform.ctx);
    await buildMaintainer(platform.ctx, mine.id, { email: 'meins@example.org' });
    await buildMaintainer(platform.ctx, other.id, { email: 'fremd@example.org' });
    const client = new FormClient(platform.app);
    const wrong = await client.get('/initiativen/pflegen/link/falschfalschfalschfalschfalsch');
    expect(wrong.status).toBe(404);
    expect(wrong.body).toContain('Dieser Link ist nicht (mehr) gültig.');

    const { links } = await requestLinks(client, 'meins@example.org');
    const key = links[0]!.split('/').pop()!;
    await db().updateTable('initiative_keys').set({ expires_at: new Date(Date.now() - 1000) }).where('key_hash', '=', hashToken(key)).execute();
    expect((await client.get(links[0]!)).status).toBe(404);
    // Pressing the button of a page shown before the key expired opens nothing either.
    await client.get('/initiativen/pflegen');
    expect((await client.post(links[0]!, {})).status).toBe(404);

    const fresh = await requestLinks(client, 'meins@example.org');
    await client.follow(await openLink(client, fresh.links[0]!));
    expect((await client.get(`/initiativen/pflegen/${mine.id}`)).status).toBe(200);
    // The grant is scoped to its entry: the other entry stays closed, to reading and to posting.
    expect((await client.get(`/initiativen/pflegen/${other.id}`)).status).toBe(404);
    await client.get(`/initiativen/pflegen/${mine.id}`);
    const foreign = await client.post(`/initiativen/pflegen/${other.id}`, { name: 'Übernommen', summary: 'x', providerKind: 'verein', domains: 'umwelt' });
    expect(foreign.status).toBe(404);
    expect((await db().selectFrom('initiatives').select('name').where('id', '=', other.id).executeTakeFirstOrThrow()).name).toBe(other.name);
    // A grant copied under the other entry's name names a maintainer of this entry only; tampered with, it is no grant.
    const [name, value] = [...client.cookies].find(([cookie]) => cookie.startsWith('initiative-'))!;
    const thief = new FormClient(platform.app);
    thief.cookies.set(name.replace(mine.id, other.id), value);
    expect((await thief.get(`/initiativen/pflegen/${other.id}`)).status).toBe(404);
    thief.cookies.set(name, value.replace(/^[0-9a-f]/, (c) => (c === 'a' ? 'b' : 'a')));
    expect((await thief.get(`/initiativen/pflegen/${mine.id}`)).status).toBe(404);
    thief.cookies.set(name, value);
    expect((await thief.get(`/initiativen/pflegen/${mine.id}`)).status).toBe(200);
    thief.cookies.clear();
    expect((await thief.get(`/initiativen/pflegen/${other.id}`)).status).toBe(404);
  });

  it('shows the form again with 422 and German messages when the entry is filled in wrongly, storing nothing', async () => {
    const initiative = await buildInitiative(platform.ctx);
    await buildMaintainer(platform.ctx, initiative.id, { email: 'falsch@example.org' });
    const client = new FormClient(platform.app);
    const { links } = await requestLinks(client, 'falsch@example.org');
    await client.follow(await openLink(client, links[0]!));
    const refused = await client.post(`/initiativen/pflegen/${initiative.id}`, { name: 'Neuer Name', summary: '', providerKind: 'verein', website: 'javascript:alert(1)', latitude: '51,07' });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('value="Neuer Name"');
    expect(refused.body).toContain('Bitte füllen Sie das Feld „Kurzbeschreibung“ aus.');
    const script = await client.post(`/initiativen/pflegen/${initiative.id}`, { name: 'Neuer Name', summary: 'Kurz.', providerKind: 'verein', domains: 'umwelt', website: 'javascript:alert(1)' });
    expect(script.status).toBe(422);
    expect(script.body).toContain('value="javascript:alert(1)"');
    expect(script.body).toContain('Bitte geben Sie die Webseite als Adresse mit https:// oder http:// an');
    expect(await htmlProblems(`/initiativen/pflegen/${initiative.id}`, refused.body)).toEqual([]);
    const pair = await client.post(`/initiativen/pflegen/${initiative.id}`, { name: 'Neuer Name', summary: 'Kurz.', providerKind: 'verein', domains: 'umwelt', latitude: '51,07' });
    expect(pair.status).toBe(422);
    expect(pair.body).toContain('Bitte geben Sie Breiten- und Längengrad zusammen an');
    expect((await db().selectFrom('initiatives').select('name').where('id', '=', initiative.id).executeTakeFirstOrThrow()).name).toBe(initiative.name);
  });
});

describe('an account that is a maintainer', () => {
  it('binds itself to the maintainer row by a button on the link page, then reaches the entry under “Meine Initiativen” without a link', async () => {
    const initiative = await buildInitiative(platform.ctx, { name: 'Klimagruppe Lövenich' });
    const maintainer = await buildMaintainer(platform.ctx, initiative.id, { email: 'klima-loevenich@example.org' });
    const { user, password } = await buildCitizen(platform.ctx);
    const client = new FormClient(platform.app);
    await client.get('/anmelden');
    await client.post('/anmelden', { email: user.email!, password });
    expect((await client.get('/konto/initiativen')).body).not.toContain('Klimagruppe Lövenich');

    const { links } = await requestLinks(client, 'klima-loevenich@example.org');
    const ask = await client.get(links[0]!);
    expect(ask.body).toContain('Mit meinem Konto verbinden und öffnen');
    // Merely opening the link binds nothing.
    await client.post(links[0]!, {});
    expect((await db().selectFrom('initiative_maintainers').select('user_id').where('id', '=', maintainer.id).executeTakeFirstOrThrow()).user_id).toBeNull();
    await client.get(links[0]!);
    const attached = await client.post(`${links[0]!}/konto`, {});
    expect(attached.status).toBe(303);
    expect((await db().selectFrom('initiative_maintainers').select('user_id').where('id', '=', maintainer.id).executeTakeFirstOrThrow()).user_id).toBe(user.id);

    // A new browser with only the account: the list links the entry, and the entry opens.
    const fresh = new FormClient(platform.app);
    await fresh.get('/anmelden');
    await fresh.post('/anmelden', { email: user.email!, password });
    const mine = await fresh.get('/konto/initiativen');
    expect(mine.status).toBe(200);
    expect(mine.body).toContain(`href="/initiativen/pflegen/${initiative.id}"`);
    expect(await htmlProblems('/konto/initiativen', mine.body)).toEqual([]);
    expect((await fresh.get(`/initiativen/pflegen/${initiative.id}`)).status).toBe(200);
    // Signed out, the list asks to sign in.
    expect((await new FormClient(platform.app).get('/konto/initiativen')).status).toBe(303);
  });
});
