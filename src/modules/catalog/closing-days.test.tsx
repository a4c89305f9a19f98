import { render } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '#kernel/auth/actor.ts';
import { holidayCalendar } from '#kernel/holidays/holidays.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { FormClient } from '#test/http-client.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { closingDayText, parseClosingDays } from './closing-days.ts';
import { berlinTime, type Hours } from './hours.ts';
import { catalogDb, findEntry } from './repo.ts';
import type { OfficeContent } from './schemas.content.ts';
import { buildOffice } from './test/builders.ts';
import { staffClient } from './test/staff.ts';
import { OpenStatus } from './views/parts.tsx';

let platform: TestPlatform;
let editor: Awaited<ReturnType<typeof staffClient>>;

beforeAll(async () => {
  platform = await createTestPlatform();
  editor = await staffClient(platform, 'editor');
});
afterAll(async () => {
  await platform.close();
});

const problemOf = (...lines: string[]) => parseClosingDays(lines).problem;

describe('closing-day rules as editors write them', () => {
  it('reads named days, days of every year and single dates, with a time and a note', () => {
    const { days, problem } = parseClosingDays(['Altweiber ab 12:00', 'rosenmontag', '23.12.', '31.12. Silvester', '2.1.2027 Brückentag', 'Heiliger Abend ab 10 Uhr Notdienst bis 10', '03.10.27']);
    expect(problem).toBeUndefined();
    expect(days).toEqual([
      { day: 'weiberfastnacht', from: '12:00' },
      { day: 'rosenmontag' },
      { day: '12-23' },
      { day: '12-31', note: 'Silvester' },
      { day: '2027-01-02', note: 'Brückentag' },
      { day: 'heiligabend', from: '10:00', note: 'Notdienst bis 10' },
      { day: '2027-10-03' },
    ]);
    // Written back the way the platform shows them in the form.
    expect(days.map(closingDayText)).toEqual(['Weiberfastnacht ab 12:00', 'Rosenmontag', '23.12.', '31.12. Silvester', '02.01.2027 Brückentag', 'Heiligabend ab 10:00 Notdienst bis 10', '03.10.2027']);
    expect(parseClosingDays(days.map(closingDayText).slice(0, 5)).days).toEqual(days.slice(0, 5));
  });

  it('names the line and the mistake: unknown name, impossible date, leap day, year, time, a day twice, too many', () => {
    expect(problemOf('Rosenmontag', 'Rosenmonntag')).toEqual({ key: 'catalog:errors.closingDayUnknown', values: { line: '2', text: 'Rosenmonntag' } });
    expect(problemOf('31.02.')).toEqual({ key: 'catalog:errors.closingDayNoSuchDate', values: { line: '1', date: '31.02.' } });
    expect(problemOf('30.02.2027')).toEqual({ key: 'catalog:errors.closingDayNoSuchDate', values: { line: '1', date: '30.02.2027' } });
    expect(problemOf('29.02.')).toEqual({ key: 'catalog:errors.closingDayLeapDay', values: { line: '1' } });
    expect(problemOf('29.02.2028')).toBeUndefined();
    expect(problemOf('02.01.202')).toEqual({ key: 'catalog:errors.closingDayYear', values: { line: '1', year: '202' } });
    expect(problemOf('Weiberfastnacht ab 25:00')).toEqual({ key: 'catalog:errors.closingDayTime', values: { line: '1', time: '25:00' } });
    expect(problemOf('Weiberfastnacht ab')).toEqual({ key: 'catalog:errors.closingDayTime', values: { line: '1', time: '' } });
    expect(problemOf('Rosenmontag', 'Heiligabend', '24.12. Weihnachten')).toEqual({ key: 'catalog:errors.closingDayTwice', values: { line: '3', first: '2' } });
    expect(problemOf(...Array.from({ length: 51 }, (_, index) => `${(index % 28) + 1}.${Math.floor(index / 28) + 1}.`))).toEqual({ key: 'catalog:errors.closingDaysTooMany', values: { max: '50' } });
  });
});

describe('the opening status on a closing day', () => {
  const townHall: Hours = {
    hours: [1, 2, 3, 4, 5].flatMap((day) => [
      { day, opens: '08:30', closes: '12:00' },
      { day, opens: '14:00', closes: '16:00' },
    ]),
    exceptions: [],
    closedOnHolidays: true,
    closingDays: [{ day: 'weiberfastnacht', from: '12:00' }, { day: 'rosenmontag' }, { day: '12-24' }, { day: '2027-01-04', note: 'Brückentag' }],
  };
  const statusAt = (iso: string, lang: 'de' | 'en' = 'de') => {
    const page: PageContext = { t: platform.ctx.i18n.getFixedT(lang), lang, actor: anonymous, path: '/', query: '', csrfToken: () => 'token', nav: [], footer: [], cityName: 'Erkelenz' };
    return render(<OpenStatus page={page} hours={townHall} now={new Date(iso)} holidays={holidayCalendar('NW')} />).replace(/<[^>]+>/g, '');
  };

  it('says “heute geschlossen: Rosenmontag” and when the office opens again', () => {
    expect(statusAt('2027-02-08T09:00:00Z')).toBe('Jetzt geschlossen öffnet morgen um 08:30 Uhr (heute geschlossen: Rosenmontag)');
    expect(statusAt('2027-02-08T09:00:00Z', 'en')).toContain('(closed today: Rose Monday (carnival))');
  });

  it('names a day of every year by the named day it is, and a single date by its note', () => {
    expect(statusAt('2026-12-24T09:00:00Z')).toContain('(heute geschlossen: Heiligabend)');
    expect(statusAt('2027-01-04T09:00:00Z')).toContain('(heute geschlossen: Brückentag)');
  });

  it('tells in the morning of Weiberfastnacht that the office closes at noon, and in the afternoon why it is closed', () => {
    expect(statusAt('2026-02-12T09:00:00Z')).toBe('Jetzt geöffnet Jetzt geöffnet bis 12:00 Uhr (heute ab 12:00 Uhr geschlossen: Weiberfastnacht)');
    expect(statusAt('2026-02-12T13:30:00Z')).toContain('öffnet morgen um 08:30 Uhr (heute ab 12:00 Uhr geschlossen: Weiberfastnacht)');
  });

  it('shows a public holiday as the holiday, in the page’s language', () => {
    expect(statusAt('2026-06-04T09:00:00Z')).toContain('(heute ist Fronleichnam)');
    expect(statusAt('2026-06-04T09:00:00Z', 'en')).toContain('(today is Corpus Christi, a public holiday)');
  });
});

describe('closing days in the office editor', () => {
  const form = { title: 'Stadtbücherei', slug: 'stadtbuecherei', summary: 'Bücher, Medien und Lernorte.', street: 'Johannismarkt 17', postalCode: '41812', city: 'Erkelenz', phone: '02431 85-0', closedOnHolidays: 'on' };
  const entryIdFrom = (location: string | undefined) => /\/([0-9a-f-]{36})\?notice=/.exec(location ?? '')?.[1];

  it('refuses an unreadable rule with the line and the reason, keeping what was typed', async () => {
    await editor.client.get('/verwaltung/katalog/dienststellen/neu');
    const wrong = await editor.client.post('/verwaltung/katalog/dienststellen/neu', { ...form, slug: 'stadtbuecherei-falsch', closingDays: 'Rosenmontag\nRosenmonntag' });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('Zeile 2 der Schließtage: „Rosenmonntag“ ist weder ein Datum noch ein Tag, den die Plattform kennt.');
    expect(wrong.body).toContain('Rosenmonntag</textarea>');
    const leap = await editor.client.post('/verwaltung/katalog/dienststellen/neu', { ...form, slug: 'stadtbuecherei-falsch', closingDays: '29.02.' });
    expect(leap.body).toContain('Zeile 1 der Schließtage: Den 29.02. gibt es nicht in jedem Jahr. Geben Sie das Jahr an, zum Beispiel „29.02.2028“.');
    const time = await editor.client.post('/verwaltung/katalog/dienststellen/neu', { ...form, slug: 'stadtbuecherei-falsch', closingDays: 'Weiberfastnacht ab mittags' });
    expect(time.body).toContain('Zeile 1 der Schließtage: Nach „ab“ steht keine Uhrzeit. Schreiben Sie zum Beispiel „Weiberfastnacht ab 12:00“.');
    expect((await new FormClient(platform.app).get('/dienststellen/stadtbuecherei-falsch')).status).toBe(404);
  });

  it('saves the rules with the office, shows them back in the form and on the public page, and in the API', async () => {
    const today = berlinTime(new Date()).date;
    const [year, month, day] = today.split('-');
    const created = await editor.client.post('/verwaltung/katalog/dienststellen/neu', {
      ...form,
      // Open every day, so the status shows; closed today by a rule for today's date.
      ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [[`d${weekday}Opens1`, '00:00'], [`d${weekday}Closes1`, '23:59']])),
      closingDays: `Altweiber ab 12:00\nRosenmontag\n24.12.\n${day}.${month}.${year} Inventur`,
    });
    expect(created.status).toBe(303);
    const id = entryIdFrom(created.location)!;
    const saved = (await findEntry(catalogDb(platform.ctx.db), id))!.draft as OfficeContent;
    expect(saved.closingDays).toEqual([{ day: 'weiberfastnacht', from: '12:00' }, { day: 'rosenmontag' }, { day: '12-24' }, { day: today, note: 'Inventur' }]);
    const editPage = await editor.client.get(created.location!);
    expect(editPage.body).toContain(`Weiberfastnacht ab 12:00\nRosenmontag\n24.12.\n${day}.${month}.${year} Inventur</textarea>`);
    expect((await editor.client.post(`/verwaltung/katalog/dienststellen/${id}/veroeffentlichen`, {})).status).toBe(303);

    const page = await new FormClient(platform.app).get('/dienststellen/stadtbuecherei');
    expect(page.body).toContain('(heute geschlossen: Inventur)');
    expect(page.body).toContain('An den gesetzlichen Feiertagen in Nordrhein-Westfalen ist geschlossen.');
    expect(page.body).toContain('Außerdem geschlossen: Weiberfastnacht ab 12:00 Uhr, Rosenmontag, 24. Dezember (Heiligabend), ');
    const api = JSON.parse((await new FormClient(platform.app).get('/api/v1/offices/stadtbuecherei')).body) as { holidayState: string; closingDays: unknown[] };
    expect(api.holidayState).toBe('NW');
    expect(api.closingDays).toEqual(saved.closingDays);
  });

  it('adds rules to an office saved before closing days existed, and clears them when the field is emptied', async () => {
    const office = await buildOffice(platform.ctx);
    expect((await new FormClient(platform.app).get(`/dienststellen/${office.slug}`)).status).toBe(200);
    const save = async (closingDays: string) => {
      const editPage = await editor.client.get(`/verwaltung/katalog/dienststellen/${office.id}`);
      expect(editPage.body).toContain('name="closingDays"');
      const revision = /name="revision" value="(\d+)"/.exec(editPage.body)?.[1];
      const saved = await editor.client.post(`/verwaltung/katalog/dienststellen/${office.id}`, { ...form, title: office.title, slug: office.slug, revision: revision!, closingDays });
      expect(saved.status).toBe(303);
      return ((await findEntry(catalogDb(platform.ctx.db), office.id))!.draft as OfficeContent).closingDays;
    };
    expect(await save('Silvester')).toEqual([{ day: 'silvester' }]);
    expect(await save('')).toEqual([]);
  });
});

describe('closing days in an import file', () => {
  /** Uploads a catalogue file in the back office, as an editor does. */
  async function upload(file: unknown) {
    await editor.client.get('/verwaltung/katalog/import');
    const boundary = '----erkelenz-closing-days';
    const body = [
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${editor.client.csrfToken()}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="katalog.json"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(file)}\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const cookie = [...editor.client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return platform.app.inject({ method: 'POST', url: '/verwaltung/katalog/import', payload: body, remoteAddress: editor.client.remoteAddress, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie } });
  }
  const office = { slug: 'amt-mit-schliesstagen', title: 'Amt', summary: 'S', description: '', street: '', postalCode: '', city: '', phone: '', email: '', website: '', hours: [], exceptions: [], closedOnHolidays: true, hoursNote: '', stepFree: null, accessibleToilet: null, disabledParking: null, hearingLoop: null, accessibilityNote: '' };
  const file = (closingDays: unknown) => ({ format: 'erkelenz-digital/catalog', version: 1, exportedAt: '2026-12-01T00:00:00Z', offices: [{ demo: false, draft: { ...office, closingDays }, published: null }], lifeSituations: [], services: [] });

  it('refuses a rule that matches no real day, naming the office and the line, and takes a good one', async () => {
    const impossible = await upload(file([{ day: 'rosenmontag' }, { day: '02-30' }]));
    expect(impossible.statusCode).toBe(422);
    expect(impossible.body).toContain('Dienststelle „amt-mit-schliesstagen“: Zeile 2 der Schließtage: Den 30.02. gibt es nicht.');
    expect((await upload(file([{ day: 'karneval' }]))).statusCode).toBe(422);
    const good = await upload(file([{ day: '12-24', from: '12:00', note: 'Heiligabend' }]));
    expect(good.statusCode).toBe(303);
  });
});
