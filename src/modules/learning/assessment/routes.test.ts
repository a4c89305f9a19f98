import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import de from '#modules/learning/locales/de.json' with { type: 'json' };
import { htmlProblems } from '#test/html-validity.ts';
import { FormClient, type Response } from '#test/http-client.ts';
import { seedCourses } from '#modules/learning/courses/seed.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { areaCodes, competencesByArea, type AreaCode, type CompetenceCode } from './digcomp.ts';
import { assessmentPath, questionName } from './views.tsx';

/*
 * The self-assessment as a guest goes through it: start, five pages of questions, the profile. What the
 * pages promise is checked where it could break: answers survive going back, nothing is written to any
 * table, no log line holds an answer, a changed form is refused, and no page with answers is cached.
 */

let platform: TestPlatform;
const logLines: string[] = [];

beforeAll(async () => {
  // Every level, so that nothing the platform might log about a request escapes the check below.
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
  platform = await createTestPlatform({ LOG_LEVEL: 'trace' }, [], logger);
  await seedCourses(platform.ctx);
});
afterAll(async () => {
  await platform.close();
});

type Answers = Partial<Record<CompetenceCode, string>>;

/** The form as a browser sends it: the page's own hidden fields (its CSRF token too), then the answers ('' for none). */
function formOf(page: Response, answers: Answers, richtung: 'weiter' | 'zurueck' = 'weiter'): Record<string, string> {
  const area = hidden(page, 'teil') as AreaCode;
  const fields: Record<string, string> = { _csrf: hidden(page, '_csrf'), stand: hidden(page, 'stand'), teil: area, richtung };
  for (const code of competencesByArea[area]) fields[questionName(code)] = answers[code] ?? '';
  return fields;
}

function hidden(page: Response, name: string): string {
  const value = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(page.body)?.[1];
  if (value === undefined) throw new Error(`no hidden field ${name} on the page:\n${page.body}`);
  return decode(value);
}

function decode(html: string): string {
  return html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The page's text without tags, so a sentence is found however the markup breaks it up. */
const textOf = (page: Response) => decode(page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));

/** The answer a question's radio buttons show as chosen, '' for "no answer". */
function chosen(page: Response, code: CompetenceCode): string | undefined {
  const inputs = page.body.match(new RegExp(`<input[^>]*name="${questionName(code)}"[^>]*>`, 'g')) ?? [];
  const checked = inputs.filter((input) => /\schecked/.test(input));
  if (checked.length !== 1) return undefined;
  // An empty value is rendered as the bare attribute `value`.
  return /\svalue="([^"]*)"/.exec(checked[0]!)?.[1] ?? '';
}

/** Each area's heading (the term) with the description beside it on the result page. */
function profileTexts(page: Response): Record<string, string> {
  const items = [...page.body.matchAll(/<dt[^>]*>([^<]*)<\/dt>\s*<dd[^>]*>([^<]*)<\/dd>/g)];
  return Object.fromEntries(items.map((item) => [decode(item[1]!), decode(item[2]!)]));
}

/** Every page, the refusals included, is checked as valid HTML when it arrives. */
async function valid(page: Response, url: string): Promise<Response> {
  expect(await htmlProblems(url, page.body)).toEqual([]);
  return page;
}

const visit = async (client: FormClient, url: string) => valid(await client.get(url), url);
const send = async (client: FormClient, form: Record<string, string>) =>
  valid(await client.post(`${assessmentPath}/weiter`, form), `${assessmentPath}/weiter (Teil ${form.teil}, ${form.richtung})`);

async function rowCounts(): Promise<Record<string, number>> {
  const { rows: tables } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' order by 1`.execute(platform.ctx.db);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows } = await sql<{ count: string }>`select count(*) as count from ${sql.table(name)}`.execute(platform.ctx.db);
    counts[name] = Number(rows[0]!.count);
  }
  return counts;
}

const areaName = (area: AreaCode) => de.digcomp.areas[area];
const noStore = (page: Response) => expect(page.headers['cache-control'], 'cache-control').toBe('no-store');

/*
 * Answers chosen so that each area lands in another band, worked out by hand: area 1 all "not yet" (0 →
 * start), area 2 mostly "with help" (7 / 6 ≈ 1.2 → foundation), area 3 all "on my own" (2 → intermediate),
 * area 4 three "harder tasks" and one skipped (3 → advanced), area 5 nothing answered.
 */
const answers: Answers = {
  '1.1': '0', '1.2': '0', '1.3': '0',
  '2.1': '1', '2.2': '1', '2.3': '2', '2.4': '1', '2.5': '1', '2.6': '1',
  '3.1': '2', '3.2': '2', '3.3': '2', '3.4': '2',
  '4.1': '3', '4.2': '3', '4.3': '3',
};

describe('the self-assessment as a guest', () => {
  it('goes from the start through the five areas to a profile in words and as a chart, writing nothing and logging no answer', async () => {
    const client = new FormClient(platform.app);
    const before = await rowCounts();
    logLines.length = 0;
    const signedValues: string[] = [];

    const start = await visit(client, assessmentPath);
    expect(start.status).toBe(200);
    expect(start.body).toContain(`href="${assessmentPath}/fragen"`);
    expect(start.body).toContain(`href="${assessmentPath}/fragen?leicht=ja"`);

    let page = await visit(client, `${assessmentPath}/fragen`);
    for (const area of areaCodes) {
      expect(page.status, `Teil ${area}`).toBe(200);
      noStore(page);
      expect(hidden(page, 'teil')).toBe(area);
      expect(textOf(page)).toContain(areaName(area));
      expect(textOf(page)).toContain(de.assessment.plain.progress.replace('{{number}}', area).replace('{{total}}', '5'));
      for (const code of competencesByArea[area]) expect(textOf(page)).toContain(de.assessment.plain.questions[code.replace('.', '-') as keyof typeof de.assessment.plain.questions]);
      signedValues.push(hidden(page, 'stand'));
      page = await send(client, formOf(page, answers));
    }

    expect(page.status).toBe(200);
    noStore(page);
    expect(textOf(page)).toContain(de.assessment.plain.resultTitle);
    expect(profileTexts(page)).toEqual({
      [areaName('1')]: de.assessment.plain.bands.start,
      [areaName('2')]: de.assessment.plain.bands.foundation,
      [areaName('3')]: de.assessment.plain.bands.intermediate,
      [areaName('4')]: de.assessment.plain.bands.advanced,
      [areaName('5')]: de.assessment.plain.bands.none,
    });
    const chart = /<svg[^>]*role="img"[\s\S]*?<\/svg>/.exec(page.body)?.[0] ?? '';
    expect(chart).toContain(de.assessment.chart.title);
    // The bars' values in German numbers; the area without answers has a dash and no bar.
    const values = [...chart.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => decode(match[1]!)).filter((text) => /von 4|^–$/.test(text));
    expect(values).toEqual(['0 von 4', '1,2 von 4', '2 von 4', '3 von 4', '–']);
    expect(chart.match(/<rect/g)).toHaveLength(4);
    // Recommended: the three demo courses covering most of the weakest answers (areas 1 and 2), worked out by hand.
    const recommended = /<section aria-labelledby="empfehlungen"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
    const linked = [...recommended.matchAll(/href="\/kurse\/([a-z-]+)"/g)].map((match) => match[1]).sort();
    expect(linked).toEqual(['falschmeldungen-erkennen', 'online-dienste-der-stadt', 'smartphone-grundlagen']);

    expect(await rowCounts()).toEqual(before);
    const log = logLines.join('\n');
    expect(logLines.length, 'the requests were logged at all').toBeGreaterThan(0);
    for (const signed of signedValues) {
      expect(log).not.toContain(signed);
      expect(log).not.toContain(encodeURIComponent(signed));
    }
    expect(log).not.toMatch(/\d\.\d=\d/);
    expect(log).not.toMatch(/kompetenz-\d-\d/);
  });

  it('keeps the answers of every page when going back, and goes forward again with them', async () => {
    const client = new FormClient(platform.app);
    const first = await visit(client, `${assessmentPath}/fragen`);
    const second = await send(client, formOf(first, answers));
    const third = await send(client, formOf(second, answers));
    expect(hidden(third, 'teil')).toBe('3');
    // Area 3 answered differently, then back: page 2 shows its answers, and page 3 those just given.
    const changed: Answers = { '3.1': '4', '3.2': '0', '3.3': '', '3.4': '1' };
    const back = await send(client, formOf(third, changed, 'zurueck'));
    expect(back.status).toBe(200);
    noStore(back);
    expect(hidden(back, 'teil')).toBe('2');
    for (const code of competencesByArea['2']) expect(chosen(back, code), code).toBe(answers[code]);
    const firstAgain = await send(client, formOf(back, answers, 'zurueck'));
    expect(hidden(firstAgain, 'teil')).toBe('1');
    for (const code of competencesByArea['1']) expect(chosen(firstAgain, code), code).toBe(answers[code]);
    const secondAgain = await send(client, formOf(firstAgain, answers));
    const thirdAgain = await send(client, formOf(secondAgain, answers));
    for (const code of competencesByArea['3']) expect(chosen(thirdAgain, code), code).toBe(changed[code]);
  });

  it('has no way back from the first page', async () => {
    const client = new FormClient(platform.app);
    const first = await visit(client, `${assessmentPath}/fragen`);
    expect(first.body).not.toContain('value="zurueck"');
    const second = await send(client, formOf(first, {}));
    expect(second.body).toContain('value="zurueck"');
  });

  it('speaks Leichte Sprache from the first question to the result when chosen', async () => {
    const client = new FormClient(platform.app);
    let page = await visit(client, `${assessmentPath}/fragen?leicht=ja`);
    expect(textOf(page)).toContain(de.assessment.easy.questions['1-1']);
    expect(textOf(page)).not.toContain(de.assessment.plain.questions['1-1']);
    expect(textOf(page)).toContain(de.assessment.easy.answers['0']);
    for (const area of areaCodes) {
      expect(textOf(page)).toContain(de.assessment.easy.areaIntro[area]);
      page = await send(client, formOf(page, answers));
    }
    expect(page.status).toBe(200);
    noStore(page);
    expect(textOf(page)).toContain(de.assessment.easy.resultTitle);
    expect(textOf(page)).not.toContain(de.assessment.plain.resultTitle);
    expect(profileTexts(page)).toEqual({
      [areaName('1')]: de.assessment.easy.bands.start,
      [areaName('2')]: de.assessment.easy.bands.foundation,
      [areaName('3')]: de.assessment.easy.bands.intermediate,
      [areaName('4')]: de.assessment.easy.bands.advanced,
      [areaName('5')]: de.assessment.easy.bands.none,
    });
  });
});

describe('a form the pages did not give', () => {
  it('refuses a changed answer in the signed value with 400 and says so in German', async () => {
    const client = new FormClient(platform.app);
    const first = await visit(client, `${assessmentPath}/fragen`);
    const second = await send(client, formOf(first, answers));
    const form = formOf(second, answers);
    const stand = hidden(second, 'stand');
    expect(stand).toContain('1.1=0');
    const refused = await send(client, { ...form, stand: stand.replace('1.1=0', '1.1=4') });
    expect(refused.status).toBe(400);
    expect(textOf(refused)).toContain(de.assessment.problems.state);
    const madeUp = await send(client, { ...form, stand: 'v1.p.1.1=4' });
    expect(madeUp.status).toBe(400);
    expect(textOf(madeUp)).toContain(de.assessment.problems.state);
    // The untouched form still goes on.
    expect((await send(client, form)).status).toBe(200);
  });

  it('answers an answer off the scale with 422 and the same page, keeping the answers before it', async () => {
    const client = new FormClient(platform.app);
    const first = await visit(client, `${assessmentPath}/fragen`);
    const second = await send(client, formOf(first, answers));
    const refused = await send(client, formOf(second, { ...answers, '2.4': '7' }));
    expect(refused.status).toBe(422);
    noStore(refused);
    expect(hidden(refused, 'teil')).toBe('2');
    expect(textOf(refused)).toContain(de.assessment.problems.answer);
    expect(refused.body).toContain('role="alert"');
    // What the person sent for this page is not taken over; the pages before keep theirs.
    expect(hidden(refused, 'stand')).toContain('1.1=0');
    expect(hidden(refused, 'stand')).not.toContain('2.1=');
    const back = await send(client, formOf(refused, {}, 'zurueck'));
    for (const code of competencesByArea['1']) expect(chosen(back, code), code).toBe(answers[code]);
  });
});
