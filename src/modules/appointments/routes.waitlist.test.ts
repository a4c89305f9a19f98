import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInBerlin, weekdayOf } from '#kernel/calendar.ts';
import { formatDay } from '#kernel/dates.ts';
import { FormClient } from '#test/http-client.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { waitlistDb } from './repo.waitlist.ts';
import { buildLocation } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

function workday(ahead: number): string {
  let day = addDays(todayInBerlin(), ahead);
  while (weekdayOf(day) > 5) day = addDays(day, 1);
  return day;
}

const entriesOf = (email: string) => waitlistDb(platform.ctx.db).selectFrom('appointment_waitlist').select(['id', 'status', 'language']).where('email', '=', email).execute();

describe('the waiting list’s pages', () => {
  it('shows the form for a place and service, valid and usable without JavaScript, and stores an entry after the link in the mail is confirmed', async () => {
    const { location } = await buildLocation(platform.ctx, { name: 'Bürgerbüro Warteliste' });
    const client = new FormClient(platform.app);
    const url = `/termine/warteliste?ort=${location.id}&leistung=personalausweis&personen=2`;
    const page = await client.get(url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Bürgerbüro Warteliste');
    expect(page.body).toContain('name="_csrf"');
    expect(page.body).toContain('name="fromDay"');
    expect(await htmlProblems(url, page.body)).toEqual([]);

    const day = workday(5);
    const sent = await client.post(url, { name: 'Erika Wartend', email: 'erika-warteliste@example.org', fromDay: formatDay(day), toDay: formatDay(addDays(day, 7)) });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe('/termine/warteliste/gesendet');
    expect((await client.follow(sent)).body).toContain('Bitte bestätigen Sie Ihre E-Mail-Adresse');
    expect(await entriesOf('erika-warteliste@example.org')).toEqual([expect.objectContaining({ status: 'unconfirmed', language: 'de' })]);

    await platform.runJobs();
    const link = /http:\/\/[^\s]+(\/termine\/warteliste\/[0-9a-f-]{36}\/bestaetigen\/[\w-]+)/.exec(platform.smtp.lastTo('erika-warteliste@example.org')?.text ?? '')?.[1];
    expect(link).toBeDefined();
    // Following the link only asks: a mail scanner that opens it changes nothing.
    const ask = await client.get(link!);
    expect(ask.status).toBe(200);
    expect(ask.body).toContain('Ja, auf die Warteliste setzen');
    expect(await htmlProblems(link!, ask.body)).toEqual([]);
    expect((await entriesOf('erika-warteliste@example.org'))[0]?.status).toBe('unconfirmed');
    // Without the page's CSRF token the button does nothing.
    expect((await client.post(link!, { _csrf: 'falsch' })).status).toBe(403);
    await client.get(link!);
    const done = await client.post(link!, {});
    expect(done.status).toBe(200);
    expect(done.body).toContain('Sie stehen auf der Warteliste');
    expect((await entriesOf('erika-warteliste@example.org'))[0]?.status).toBe('waiting');

    const leave = /http:\/\/[^\s]+(\/termine\/warteliste\/[0-9a-f-]{36}\/abmelden\/[\w-]+)/.exec(platform.smtp.lastTo('erika-warteliste@example.org')?.text ?? '')?.[1];
    await client.get(leave!);
    expect((await client.post(leave!, {})).body).toContain('Sie sind abgemeldet');
    expect((await entriesOf('erika-warteliste@example.org'))[0]?.status).toBe('left');
  });

  it('says in German what is wrong with the form, keeps what was typed, and stores nothing', async () => {
    const { location } = await buildLocation(platform.ctx);
    const client = new FormClient(platform.app);
    const url = `/termine/warteliste?ort=${location.id}&leistung=personalausweis`;
    await client.get(url);
    const yesterday = addDays(todayInBerlin(), -1);
    const refused = await client.post(url, { name: 'Otto Eilig', email: 'otto-warteliste@example.org', fromDay: formatDay(yesterday), toDay: formatDay(addDays(yesterday, 3)) });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Der erste Tag darf nicht in der Vergangenheit liegen.');
    expect(refused.body).toContain('value="Otto Eilig"');
    const missing = await client.post(url, { name: '', email: 'kein-at-zeichen', fromDay: '', toDay: '' });
    expect(missing.status).toBe(422);
    expect(await htmlProblems(url, missing.body)).toEqual([]);
    expect(await entriesOf('otto-warteliste@example.org')).toEqual([]);
  });

  it('answers an unknown place or service, a malformed address and a wrong link with a 4xx page, never a 500', async () => {
    const { location } = await buildLocation(platform.ctx);
    const client = new FormClient(platform.app);
    const unknownPlace = await client.get('/termine/warteliste?ort=00000000-0000-4000-8000-000000000000&leistung=personalausweis');
    expect(unknownPlace.status).toBe(404);
    expect(unknownPlace.body).toContain('Diesen Ort oder diese Leistung gibt es für Termine nicht.');
    expect((await client.get(`/termine/warteliste?ort=${location.id}&leistung=fuehrerschein`)).status).toBe(404);
    expect((await client.get(`/termine/warteliste?ort=${location.id}&leistung=personalausweis&personen=7`)).status).toBe(422);
    expect((await client.get(`/termine/warteliste?ort=${location.id}&leistung=personalausweis&personen=11`)).status).toBe(400);
    expect((await client.get('/termine/warteliste?ort=kein-ort&leistung=personalausweis')).status).toBe(400);
    const wrong = await client.get('/termine/warteliste/00000000-0000-4000-8000-000000000000/bestaetigen/falsch');
    expect(wrong.status).toBe(404);
    expect(wrong.body).toContain('Dieser Link ist nicht (mehr) gültig.');
  });
});
