import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedIn } from '#kernel/auth/actor.ts';
import { buildCitizen } from '#modules/accounts/test/builders.ts';
import { citizenClient } from '#modules/catalog/test/staff.ts';
import { seedCourses } from '#modules/learning/courses/seed.ts';
import learningDe from '#modules/learning/locales/de.json' with { type: 'json' };
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient, type Response } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { areaCodes, competencesByArea, type CompetenceCode } from './digcomp.ts';
import de from './locales/de.json' with { type: 'json' };
import { savedAssessmentsDb } from './repo.saved.ts';
import { saveResult, savedLimit } from './service.saved.ts';
import { encodeState, type AssessmentState } from './state.ts';
import { assessmentPath, questionName } from './views.tsx';
import { deleteAllPath, savedPath, savePath } from './views.saved.tsx';

/*
 * Keeping a result in the account: only a signed-in person who presses the button keeps one, exactly the
 * answers and the date; only they see and delete it; it is in their data download, goes with their account
 * and after two years; and a guest's self-assessment still writes nothing.
 */

let platform: TestPlatform;
const logLines: string[] = [];

beforeAll(async () => {
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
  platform = await createTestPlatform({ LOG_LEVEL: 'trace' }, [], logger);
  await seedCourses(platform.ctx);
});
afterAll(async () => {
  await platform.close();
});

const texts = de.savedAssessment;
const db = () => savedAssessmentsDb(platform.ctx.db);
const rowsOf = (userId: string) => db().selectFrom('learning_saved_assessments').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();

type Answers = Partial<Record<CompetenceCode, string>>;
const answers: Answers = { '1.1': '0', '1.2': '0', '1.3': '0', '2.1': '1', '2.2': '1', '2.3': '2', '3.1': '2', '3.2': '2', '4.1': '3', '4.2': '3' };
const stored = 'v1.p.1.1=0,1.2=0,1.3=0,2.1=1,2.2=1,2.3=2,3.1=2,3.2=2,4.1=3,4.2=3';

function decode(html: string): string {
  return html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const textOf = (page: Response) => decode(page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));

function hidden(page: Response, name: string): string {
  const value = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(page.body)?.[1];
  if (value === undefined) throw new Error(`no hidden field ${name} on the page:\n${page.body}`);
  return decode(value);
}

async function valid(page: Response, url: string): Promise<Response> {
  expect(await htmlProblems(url, page.body)).toEqual([]);
  return page;
}

/** Goes through the five pages as a browser does and returns the result page. */
async function resultPage(client: FormClient, given: Answers = answers, easy = false): Promise<Response> {
  let page = await client.get(`${assessmentPath}/fragen${easy ? '?leicht=ja' : ''}`);
  for (const area of areaCodes) {
    const fields: Record<string, string> = { _csrf: hidden(page, '_csrf'), stand: hidden(page, 'stand'), teil: area, richtung: 'weiter' };
    for (const code of competencesByArea[area]) fields[questionName(code)] = given[code] ?? '';
    page = await client.post(`${assessmentPath}/weiter`, fields);
  }
  expect(page.status).toBe(200);
  return page;
}

async function rowCounts(): Promise<Record<string, number>> {
  const { rows: tables } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' order by 1`.execute(platform.ctx.db);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows } = await sql<{ count: string }>`select count(*) as count from ${sql.table(name)}`.execute(platform.ctx.db);
    counts[name] = Number(rows[0]!.count);
  }
  return counts;
}

const asActor = (user: { id: string; display_name: string; email: string | null }): SignedIn => ({
  kind: 'citizen',
  userId: user.id,
  displayName: user.display_name,
  email: user.email,
  language: 'de',
  simplifiedLanguage: false,
  sessionHash: 'test',
});

/** A state signed as the pages sign it, for saving many different results quickly. */
const signed = (state: AssessmentState) => platform.app.signCookie(encodeState(state));

describe('the result page', () => {
  it('offers a signed-in person to keep the result, saying what is kept, and a guest only that an account could', async () => {
    const { client } = await citizenClient(platform);
    const page = await valid(await resultPage(client), `${assessmentPath}/weiter (angemeldet)`);
    expect(page.body).toContain(`action="${savePath}"`);
    expect(textOf(page)).toContain(texts.result.button);
    expect(textOf(page)).toContain(texts.result.plain.what);
    expect(textOf(page)).not.toContain(texts.result.plain.guest);

    const easy = await valid(await resultPage(client, answers, true), `${assessmentPath}/weiter (angemeldet, Leichte Sprache)`);
    expect(textOf(easy)).toContain(texts.result.easy.what);

    const guest = await valid(await resultPage(new FormClient(platform.app)), `${assessmentPath}/weiter (Gast)`);
    expect(guest.body).not.toContain(savePath);
    expect(textOf(guest)).toContain(texts.result.plain.guest);
    expect(textOf(guest)).toContain(learningDe.assessment.plain.notStored);
  });
});

describe('saving a result', () => {
  it('stores exactly one row with the encoded answers and the date, nothing else, and logs no answer', async () => {
    const { client, user } = await citizenClient(platform);
    const page = await resultPage(client);
    const before = await rowCounts();
    logLines.length = 0;
    const response = await client.post(savePath, { stand: hidden(page, 'stand') });
    expect(response.status).toBe(303);
    expect(response.location).toMatch(new RegExp(`^${savedPath}/[0-9a-f-]{36}\\?hinweis=gespeichert$`));

    const after = await rowCounts();
    expect(after).toEqual({ ...before, learning_saved_assessments: before.learning_saved_assessments! + 1 });
    const rows = await rowsOf(user.id);
    expect(rows).toEqual([{ id: expect.any(String), user_id: user.id, answers: stored, created_at: expect.any(Date) }]);
    expect(Date.now() - rows[0]!.created_at.getTime()).toBeLessThan(60_000);
    const log = logLines.join('\n');
    expect(log).not.toMatch(/\d\.\d=\d/);

    // The saved result with its notice, the same profile as on the result page.
    const opened = await valid(await client.follow(response), response.location!);
    expect(opened.status).toBe(200);
    expect(opened.headers['cache-control']).toBe('no-store');
    expect(textOf(opened)).toContain(texts.account.notices.saved);
    expect(opened.body).toMatch(/<div class="kern-alert kern-alert--success" role="status">/);
    expect(textOf(opened)).toContain(learningDe.assessment.plain.bands.start);
    expect(opened.body).toContain('href="/kurse/smartphone-grundlagen"');
  });

  it('keeps the same answers sent twice (a double click) once', async () => {
    const { client, user } = await citizenClient(platform);
    const page = await resultPage(client);
    const stand = hidden(page, 'stand');
    expect((await client.post(savePath, { stand })).status).toBe(303);
    expect((await client.post(savePath, { stand })).status).toBe(303);
    expect(await rowsOf(user.id)).toHaveLength(1);
  });

  it('refuses a changed value with 400 and stores nothing', async () => {
    const { client, user } = await citizenClient(platform);
    const page = await resultPage(client);
    const stand = hidden(page, 'stand');
    const refused = await valid(await client.post(savePath, { stand: stand.replace('1.1=0', '1.1=4') }), `${savePath} (verändert)`);
    expect(refused.status).toBe(400);
    expect(textOf(refused)).toContain(learningDe.assessment.problems.state);
    expect((await client.post(savePath, { stand: 'v1.p.1.1=4' })).status).toBe(400);
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it('turns a guest away (401) and stores nothing', async () => {
    const guest = new FormClient(platform.app);
    const page = await resultPage(guest);
    expect(page.body).not.toContain('name="_csrf"');
    // The token of a page with a form, as a browser would have it.
    await guest.get(`${assessmentPath}/fragen`);
    const before = await rowCounts();
    const refused = await guest.post(savePath, { stand: signed({ easy: false, answers: { '1.1': 0 } }) });
    expect(refused.status).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  it(`keeps the newest ${savedLimit} and says when the oldest went`, async () => {
    const { client, user } = await citizenClient(platform);
    const actor = asActor(user);
    const start = Date.now() - 3_600_000;
    for (let index = 0; index < savedLimit; index += 1) {
      await saveResult(platform.ctx, actor, { easy: false, answers: { '1.1': (index % 5) as 0, '5.1': Math.floor(index / 5) as 0 } }, new Date(start + index * 60_000));
    }
    const oldest = (await rowsOf(user.id)).at(-1)!;
    expect(oldest.answers).toBe('v1.p.1.1=0,5.1=0');
    await client.get(savedPath);
    const response = await client.post(savePath, { stand: signed({ easy: true, answers: { '2.1': 4 } }) });
    expect(response.location).toContain('hinweis=gespeichert-platz');
    expect(textOf(await client.follow(response))).toContain(texts.account.notices.savedDropped);
    const rows = await rowsOf(user.id);
    expect(rows).toHaveLength(savedLimit);
    expect(rows[0]!.answers).toBe('v1.e.2.1=4');
    expect(rows.map((row) => row.id)).not.toContain(oldest.id);
  });
});

describe('"Meine Selbsteinschätzungen"', () => {
  it('is linked from the account and lists the saved results with their profile in words', async () => {
    const { client, user } = await citizenClient(platform);
    await client.post(savePath, { stand: hidden(await resultPage(client), 'stand') });
    await client.post(savePath, { stand: signed({ easy: true, answers: { '5.1': 4 } }) });
    const account = await client.get('/konto');
    expect(account.body).toContain(`href="${savedPath}"`);
    const list = await valid(await client.get(savedPath), savedPath);
    expect(list.status).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    expect(textOf(list)).toContain(texts.account.title);
    expect(textOf(list)).toContain(texts.account.whatStored.replace('{{years}}', '2').replace('{{limit}}', String(savedLimit)));
    const rows = await rowsOf(user.id);
    for (const row of rows) expect(list.body).toContain(`href="${savedPath}/${row.id}"`);
    expect(textOf(list)).toContain(`${learningDe.digcomp.areas['1']} ${learningDe.assessment.plain.bands.start}`);
    expect(textOf(list)).toContain(`${learningDe.digcomp.areas['5']} ${learningDe.assessment.easy.bands['highly-specialised']}`);
    expect(textOf(list)).toContain(texts.account.easy);
    // The newest first.
    expect(list.body.indexOf(rows[0]!.id)).toBeLessThan(list.body.indexOf(rows[1]!.id));
  });

  it('shows nothing to another account: opening and deleting are 404, and the row stays', async () => {
    const owner = await citizenClient(platform);
    await owner.client.post(savePath, { stand: hidden(await resultPage(owner.client), 'stand') });
    const [row] = await rowsOf(owner.user.id);
    const other = await citizenClient(platform);
    const opened = await valid(await other.client.get(`${savedPath}/${row!.id}`), `${savedPath}/:id (fremd)`);
    expect(opened.status).toBe(404);
    await other.client.get(savedPath);
    expect((await other.client.post(`${savedPath}/${row!.id}/loeschen`, {})).status).toBe(404);
    expect(textOf(await other.client.get(savedPath))).not.toContain(row!.id);
    expect(await rowsOf(owner.user.id)).toHaveLength(1);
    // A guest is sent to sign in.
    const guest = await new FormClient(platform.app).get(`${savedPath}/${row!.id}`);
    expect(guest.status).toBe(303);
    expect(guest.location).toContain('/anmelden');
  });

  it('deletes one result, then all, with a confirmation in a status message', async () => {
    const { client, user } = await citizenClient(platform);
    const other = await citizenClient(platform);
    await other.client.post(savePath, { stand: hidden(await resultPage(other.client), 'stand') });
    for (const step of [1, 2, 3] as const) await client.post(savePath, { stand: hidden(await resultPage(client, { '1.1': String(step) }), 'stand') });
    const [first, ...rest] = await rowsOf(user.id);

    const opened = await valid(await client.get(`${savedPath}/${first!.id}`), `${savedPath}/:id`);
    expect(opened.body).toContain(`action="${savedPath}/${first!.id}/loeschen"`);
    const deleted = await client.post(`${savedPath}/${first!.id}/loeschen`, {});
    expect(deleted.status).toBe(303);
    const list = await valid(await client.follow(deleted), `${savedPath}?hinweis=geloescht`);
    expect(list.body).toMatch(/role="status"/);
    expect(textOf(list)).toContain(texts.account.notices.deleted);
    expect((await rowsOf(user.id)).map((row) => row.id)).toEqual(rest.map((row) => row.id));

    const ask = await valid(await client.get(deleteAllPath), deleteAllPath);
    expect(textOf(ask)).toContain(texts.account.deleteAllText_other.replace('{{count}}', '2'));
    const all = await client.post(deleteAllPath, {});
    expect(all.status).toBe(303);
    const empty = await valid(await client.follow(all), `${savedPath}?hinweis=alle-geloescht`);
    expect(textOf(empty)).toContain(texts.account.notices.deletedAll);
    expect(textOf(empty)).toContain(texts.account.none);
    expect(await rowsOf(user.id)).toEqual([]);
    expect(await rowsOf(other.user.id)).toHaveLength(1);
    // Nothing left to delete: the question is not asked.
    expect((await client.get(deleteAllPath)).status).toBe(303);
  });
});

describe('privacy', () => {
  it('puts the saved results into the data download and erases them with the account', async () => {
    const { user, password } = await buildCitizen(platform.ctx);
    const client = new FormClient(platform.app);
    await client.get('/anmelden');
    await client.post('/anmelden', { email: user.email!, password });
    await client.post(savePath, { stand: hidden(await resultPage(client), 'stand') });
    const download = JSON.parse((await client.get('/konto/daten.json')).body) as { learning?: { savedSelfAssessments?: unknown[] } };
    expect(download.learning?.savedSelfAssessments).toEqual([{ savedAt: expect.any(String), answers: stored, leichteSprache: false, answerPerCompetence: expect.objectContaining({ '1.1': 0, '4.2': 3 }) }]);
    const readable = await client.get('/konto/daten/ansehen');
    await valid(readable, '/konto/daten/ansehen');
    // The readable view names the section and its fields in words, not by the download's keys.
    expect(textOf(readable)).toContain('Ihre gespeicherten Selbsteinschätzungen');
    expect(textOf(readable)).toContain('Gespeichert am');
    expect(textOf(readable)).not.toContain('savedSelfAssessments');

    await client.get('/konto/loeschen');
    const gone = await client.post('/konto/loeschen', { password });
    expect(gone.status).toBe(200);
    expect((await sql`select id from users where id = ${user.id}`.execute(platform.ctx.db)).rows).toEqual([]);
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it('names the rule in the privacy notice', async () => {
    const notice = await new FormClient(platform.app).get('/datenschutz');
    expect(textOf(notice)).toContain(texts.retention.replace('{{years}}', '2'));
  });

  it('deletes a saved result two years after it was saved', async () => {
    const { user } = await buildCitizen(platform.ctx);
    const now = new Date('2029-06-15T10:00:00Z');
    const actor = asActor(user);
    const old = await saveResult(platform.ctx, actor, { easy: false, answers: { '1.1': 1 } }, new Date('2027-06-15T09:00:00Z'));
    const young = await saveResult(platform.ctx, actor, { easy: false, answers: { '1.1': 2 } }, new Date('2027-06-15T11:00:00Z'));
    const rule = platform.ctx.modules.flatMap((module) => module.retention ?? []).find((entry) => entry.id === 'learning.saved-assessments');
    expect(rule).toBeDefined();
    expect(await rule!.purge(platform.ctx.db, now, platform.ctx.config, platform.ctx)).toBeGreaterThanOrEqual(1);
    expect((await rowsOf(user.id)).map((row) => row.id)).toEqual([young.id]);
    expect(old.id).not.toBe(young.id);
  });
});
