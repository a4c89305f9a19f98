import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, berlinDay, todayInBerlin } from '#kernel/calendar.ts';
import { buildStaff, signInStaff } from '#modules/accounts/test/builders.ts';
import { buildOffice } from '#modules/catalog/test/builders.ts';
import { FormClient } from '#test/http-client.ts';
import { htmlProblems } from '#test/html-validity.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { counterClerk } from './permissions.ts';
import { appointmentsDb, type BookingStatus } from './repo.ts';
import { meanWaitFigure, noShowRateFigure, servedPerDayFigure } from './stats.ts';
import { buildLocation } from './test/builders.ts';

let platform: TestPlatform;
let place: Awaited<ReturnType<typeof buildLocation>>;
let officeId: string;
beforeAll(async () => {
  platform = await createTestPlatform();
  const office = await buildOffice(platform.ctx, { slug: 'kennzahlen-amt', title: 'Kennzahlen-Amt' });
  officeId = office.id;
  place = await buildLocation(platform.ctx, { name: 'Kennzahlen-Bürgerbüro', counters: 2 });
  await appointmentsDb(platform.ctx.db).updateTable('appointment_locations').set({ office_slug: 'kennzahlen-amt' }).where('id', '=', place.location.id).execute();
});
afterAll(async () => {
  await platform.close();
});

let made = 0;
/** A booking whose time has come, with its outcome and, where given, minutes waited from arrival to call. */
async function booking(startsAt: Date, status: BookingStatus, waited?: number, counter = 0) {
  made += 1;
  const arrived = waited === undefined ? null : new Date(startsAt.getTime() - 5 * 60_000);
  await appointmentsDb(platform.ctx.db)
    .insertInto('appointment_bookings')
    .values({
      reference: `T-FIG-${made}`,
      location_id: place.location.id,
      counter_id: place.counters[counter]!.id,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 15 * 60_000),
      status,
      services: JSON.stringify([{ serviceId: 'personalausweis', persons: 1 }]),
      channel: 'online',
      secret_hash: 'c'.repeat(64),
      created_by: 'test',
      arrived_at: arrived,
      called_at: arrived && waited !== undefined ? new Date(arrived.getTime() + waited * 60_000) : null,
    })
    .execute();
}

const at = (day: string, hour: number) => new Date(berlinDay(day).from.getTime() + hour * 3_600_000);

describe('the appointment figures per month', () => {
  it('count the no-show rate and the served per day of a month, zero in months without bookings', async () => {
    // October 2026: the 5th three served and one missed, the 6th one served, one missed and one cancelled.
    await booking(at('2026-10-05', 8), 'served', 10);
    await booking(at('2026-10-05', 9), 'served', 20);
    await booking(at('2026-10-05', 10), 'served');
    await booking(at('2026-10-05', 11), 'no_show');
    await booking(at('2026-10-06', 8), 'served');
    await booking(at('2026-10-06', 9), 'no_show');
    await booking(at('2026-10-06', 10), 'cancelled');
    const range = { from: '2026-09', to: '2026-10' };
    expect(await noShowRateFigure.values(platform.ctx.db, range)).toEqual([
      { month: '2026-09', value: 0 },
      { month: '2026-10', value: 33.3 },
    ]);
    expect(await servedPerDayFigure.values(platform.ctx.db, range)).toEqual([
      { month: '2026-09', value: 0 },
      { month: '2026-10', value: 2 },
    ]);
  });

  it('give the mean minutes from arrival to call per month, over the bookings called after arriving only', async () => {
    // August 2026: waited 4 and 7 minutes; one served without a recorded arrival and one missed do not count.
    await booking(at('2026-08-10', 8), 'served', 4);
    await booking(at('2026-08-11', 9), 'served', 7, 1);
    await booking(at('2026-08-11', 10), 'served');
    await booking(at('2026-08-12', 8), 'no_show');
    expect(await meanWaitFigure.values(platform.ctx.db, { from: '2026-07', to: '2026-08' })).toEqual([
      { month: '2026-07', value: 0 },
      { month: '2026-08', value: 5.5 },
    ]);
    expect(meanWaitFigure.unit).toBe('minutes');
  });
});

describe('the figures page for the counter staff', () => {
  it('shows the places of the clerk’s office: next free day per service, served, missed and waiting, as tables', async () => {
    const recent = addDays(todayInBerlin(), -3);
    await booking(at(recent, 8), 'served', 12);
    await booking(at(recent, 9), 'no_show');
    const clerk = await buildStaff(platform.ctx, [{ role: counterClerk, scopeKind: 'office', scopeId: officeId }]);
    const client = new FormClient(platform.app);
    await signInStaff(client, clerk);
    const page = await client.get('/verwaltung/termine/kennzahlen');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<caption class="kern-title">Termine der letzten 30 Tage je Ort</caption>');
    expect(page.body).toContain('<th scope="row" class="kern-table__cell">Kennzahlen-Bürgerbüro</th>');
    expect(page.body).toMatch(/Nächster freier Termin je Leistung für eine Person – Kennzahlen-Bürgerbüro/);
    // One served, one missed in the period: 50 % in German notation, the wait in minutes.
    expect(page.body).toContain('50 %');
    expect(page.body).toContain('12 Minuten');
    expect(await htmlProblems('figures', page.body)).toEqual([]);
    const start = await client.get('/verwaltung');
    expect(start.body).toContain('href="/verwaltung/termine/kennzahlen"');
  });

  it('shows a clerk of another office none of this place, and refuses people without the permission', async () => {
    const other = await buildOffice(platform.ctx, { slug: 'anderes-amt', title: 'Anderes Amt' });
    const clerk = await buildStaff(platform.ctx, [{ role: counterClerk, scopeKind: 'office', scopeId: other.id }]);
    const client = new FormClient(platform.app);
    await signInStaff(client, clerk);
    const page = await client.get('/verwaltung/termine/kennzahlen');
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('Kennzahlen-Bürgerbüro');
    expect(page.body).toContain('Für Ihre Dienststellen gibt es keine Orte, an denen Termine gebucht werden.');

    const editor = await buildStaff(platform.ctx, [{ role: 'catalog-editor' }]);
    const refused = new FormClient(platform.app);
    await signInStaff(refused, editor);
    expect((await refused.get('/verwaltung/termine/kennzahlen')).status).toBe(403);
    expect((await new FormClient(platform.app).get('/verwaltung/termine/kennzahlen')).status).not.toBe(200);
  });
});
