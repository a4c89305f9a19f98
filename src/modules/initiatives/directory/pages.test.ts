import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlProblems } from '#test/html-validity.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { buildEvent, buildInitiative } from '../test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const get = (url: string) => platform.app.inject({ method: 'GET', url });

describe('the hub’s public pages', () => {
  it('lists published entries, filtered by domain, district and accessibility, in valid HTML', async () => {
    const near = await buildInitiative(platform.ctx, { name: 'Repair-Treff Gerderath', domains: ['umwelt', 'klimaschutz'], districts: ['gerderath'], accessibility: ['stufenlos'] });
    await buildInitiative(platform.ctx, { name: 'Repair-Treff Lövenich', domains: ['umwelt'], districts: ['loevenich'] });
    await buildInitiative(platform.ctx, { name: 'Repair-Treff Eingereicht', domains: ['umwelt'], status: 'submitted' });
    const page = await get('/initiativen?bereich=klimaschutz&bezirk=gerderath&barrierefrei=stufenlos&q=Repair');
    expect(page.statusCode).toBe(200);
    expect(await htmlProblems('/initiativen', page.body)).toEqual([]);
    expect(page.body).toContain('Repair-Treff Gerderath');
    expect(page.body).not.toContain('Repair-Treff Lövenich');
    expect(page.body).not.toContain('Eingereicht');
    expect(page.body).toContain(`href="/initiativen/${near.slug}"`);
    expect((await get('/initiativen?bereich=fliegen')).statusCode).toBe(400);
  });

  it('shows an initiative with its next dates, and 404 for one not published', async () => {
    const initiative = await buildInitiative(platform.ctx, { name: 'Nähcafé Kückhoven', description: 'Erster Absatz.\n\nZweiter Absatz.', districts: ['kueckhoven'] });
    await buildEvent(platform.ctx, initiative.id, { title: 'Nähen für Anfänger', rrule: 'FREQ=WEEKLY', starts_at: new Date(Date.now() + 86_400_000), ends_at: new Date(Date.now() + 86_400_000 + 3_600_000) });
    const page = await get(`/initiativen/${initiative.slug}`);
    expect(page.statusCode).toBe(200);
    expect(await htmlProblems('/initiativen', page.body)).toEqual([]);
    expect(page.body).toContain('Nähen für Anfänger');
    expect(page.body).toContain('<p class="kern-body">Zweiter Absatz.</p>');
    const hidden = await buildInitiative(platform.ctx, { status: 'question' });
    const missing = await get(`/initiativen/${hidden.slug}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('nicht mehr veröffentlicht');
  });

  it('offers the calendar by day, its filter as iCalendar and Atom, and refuses a day that does not exist', async () => {
    const initiative = await buildInitiative(platform.ctx, { name: 'Kalendertest Holzweiler', domains: ['gesundheit'], districts: ['holzweiler'] });
    const start = new Date(Date.now() + 3 * 86_400_000);
    const event = await buildEvent(platform.ctx, initiative.id, { title: 'Gesundheitstag Holzweiler', starts_at: start, ends_at: new Date(start.getTime() + 7_200_000) });
    const page = await get('/initiativen/kalender?bereich=gesundheit&bezirk=holzweiler');
    expect(page.statusCode).toBe(200);
    expect(await htmlProblems('/initiativen', page.body)).toEqual([]);
    expect(page.body).toContain('Gesundheitstag Holzweiler');
    expect((await get('/initiativen/kalender?bereich=gesundheit&bezirk=gerderath')).body).not.toContain('Gesundheitstag Holzweiler');
    const wrongDay = await get('/initiativen/kalender?ab=2027-02-30');
    expect(wrongDay.statusCode).toBe(400);
    expect(wrongDay.body).toContain('Der Tag ist ungültig');

    const ics = await get('/initiativen/kalender.ics?bereich=gesundheit&bezirk=holzweiler');
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    const root = new ICAL.Component(ICAL.parse(ics.body) as unknown[]);
    const summaries = root.getAllSubcomponents('vevent').map((vevent) => vevent.getFirstPropertyValue('summary'));
    expect(summaries).toContain('Gesundheitstag Holzweiler');
    const empty = await get('/initiativen/kalender.ics?bereich=gesundheit&bezirk=keyenberg&barrierefrei=gebaerdensprache');
    expect(new ICAL.Component(ICAL.parse(empty.body) as unknown[]).getAllSubcomponents('vevent').filter((vevent) => vevent.getFirstPropertyValue('summary') === 'Gesundheitstag Holzweiler')).toEqual([]);

    const atom = await get('/initiativen/kalender.atom?bereich=gesundheit');
    expect(atom.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(atom.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(atom.body).toContain(`/initiativen/termine/${event.id}`);

    const eventPage = await get(`/initiativen/termine/${event.id}`);
    expect(eventPage.statusCode).toBe(200);
    expect(await htmlProblems('/initiativen', eventPage.body)).toEqual([]);
    expect(eventPage.body).toContain('Kalendertest Holzweiler');
  });
});
