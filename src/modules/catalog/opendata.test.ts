import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { officesDataset, osmOpeningHours, servicesDataset } from './opendata.ts';
import { seedCatalog } from './seed/index.ts';
import { servicesOnline, servicesOnlineShare, servicesPublished } from './stats.ts';
import { buildService } from './test/builders.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({ PUBLIC_URL: 'https://erkelenz.example' });
  await seedCatalog(platform.ctx);
});
afterAll(async () => {
  await platform.close();
});

const range = { from: '2026-12', to: '2026-12' };

describe('the catalogue’s datasets', () => {
  it('publishes every published service with its key, office, routes and fees, and nothing unpublished', async () => {
    await buildService(platform.ctx, { slug: 'noch-nicht-oeffentlich', officeId: null }, { publish: false });
    const rows = await servicesDataset.rows(platform.ctx.db, platform.ctx.config);
    expect(rows).toHaveLength(73);
    expect(rows.map((row) => row.id)).not.toContain('noch-nicht-oeffentlich');
    expect(rows.find((row) => row.id === 'personalausweis-beantragen')).toEqual({
      id: 'personalausweis-beantragen',
      title: 'Personalausweis beantragen',
      leika_key: '99008001012000',
      office: 'Bürgerbüro',
      office_id: 'buergerbuero',
      route_online: false,
      route_appointment: true,
      route_phone: true,
      route_email: true,
      route_paper: false,
      route_in_person: true,
      fee_from: 27.6,
      fee_to: 46,
      url: 'https://erkelenz.example/leistungen/personalausweis-beantragen',
      updated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });

  it('publishes the offices with their week in OpenStreetMap’s syntax, holidays and closing days', async () => {
    const rows = await officesDataset.rows(platform.ctx.db, platform.ctx.config);
    expect(rows).toHaveLength(14);
    expect(rows.find((row) => row.id === 'buergerbuero')).toMatchObject({
      title: 'Bürgerbüro',
      street: 'Johannismarkt 17',
      postal_code: '41812',
      website: null,
      opening_hours: 'Mo,We,Th 07:30-12:30,13:30-16:00; Tu 07:30-12:30,13:30-16:30; Fr 07:30-12:30; PH off; easter -48 days off; Dec 24 off; Dec 31 off',
      closed_on_public_holidays: true,
      holiday_state: 'NW',
      closing_days: 'Weiberfastnacht ab 12:00; Rosenmontag; Heiligabend; Silvester',
      step_free: true,
      url: 'https://erkelenz.example/dienststellen/buergerbuero',
    });
    expect(rows.find((row) => row.id === 'kreis-heinsberg')).toMatchObject({ closing_days: null, opening_hours: 'Mo-We,Fr 08:00-12:00; Th 08:00-12:00,14:00-17:00; PH off' });
  });

  it('writes days in runs, and single dates and days of every year as OpenStreetMap does', () => {
    const week = (days: number[]) => days.map((day) => ({ day, opens: '09:00', closes: '12:00' }));
    expect(osmOpeningHours({ hours: week([1, 2, 4, 5, 6]), closedOnHolidays: false, closingDays: [{ day: '2027-01-04' }, { day: '05-01', from: '10:00' }, { day: '11-11', note: 'Karneval' }] })).toBe(
      'Mo,Tu,Th-Sa 09:00-12:00; 2027 Jan 04 off; Nov 11 off',
    );
  });
});

describe('the catalogue’s figures', () => {
  it('count the published services and those with an online route', async () => {
    const rows = await servicesDataset.rows(platform.ctx.db, platform.ctx.config);
    const online = rows.filter((row) => row.route_online).length;
    expect(online).toBeGreaterThan(0);
    expect(online).toBeLessThan(rows.length);
    expect(await servicesPublished.values(platform.ctx.db, range)).toEqual([{ value: rows.length }]);
    expect(await servicesOnline.values(platform.ctx.db, range)).toEqual([{ value: online }]);
    expect(await servicesOnlineShare.values(platform.ctx.db, range)).toEqual([{ value: Math.round((online / rows.length) * 1000) / 10 }]);
  });
});
