import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowProblems } from '#kernel/declarations/check.ts';
import { seedDemoData } from '#kernel/platform.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { findStreet, streetNames, suggestStreets } from './index.ts';
import { streetsDataset } from './opendata.ts';
import { countStreets, streetsDb } from './repo.ts';
import { districts, demoStreets } from './seed/demo-streets.ts';
import { seedStreets } from './seed/index.ts';
import { buildStreet } from './test/builders.ts';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  await platform.close();
});

const db = () => platform.ctx.db;
const count = (source?: 'demo' | 'official') => countStreets(streetsDb(db()), source);

describe('the demo streets', () => {
  it('are about eighty distinct names in the nine Stadtbezirke, with parking zones A, B and C in the centre, all marked as demo data', () => {
    expect(demoStreets.length).toBeGreaterThanOrEqual(75);
    expect(new Set(demoStreets.map((street) => street.name)).size).toBe(demoStreets.length);
    const known = new Set<string>(Object.values(districts));
    expect(known.size).toBe(9);
    for (const street of demoStreets) expect(known.has(street.district), street.name).toBe(true);
    expect(new Set(demoStreets.map((street) => street.district)).size).toBe(9);
    const zones = Object.fromEntries(demoStreets.filter((street) => street.parkingZone).map((street) => [street.name, street.parkingZone]));
    expect(zones).toMatchObject({ Markt: 'A', Johannismarkt: 'A', Brückstraße: 'A', 'Kölner Straße': 'B' });
    expect(new Set(Object.values(zones))).toEqual(new Set(['A', 'B', 'C']));
    for (const name of Object.keys(zones)) expect(demoStreets.find((street) => street.name === name)!.district).toBe('Erkelenz');
  });

  it('are seeded into an empty register only, through the manifest’s seed, marked as demo rows', async () => {
    expect(await count()).toBe(0);
    expect(await seedDemoData(platform.ctx)).toContain('streets');
    expect(await count('demo')).toBe(demoStreets.length);
    expect(await count('official')).toBe(0);
    const { rows } = await sql<{ postcode: string; n: number }>`select postcode, count(*)::int as n from streets group by postcode`.execute(db());
    expect(rows).toEqual([{ postcode: '41812', n: demoStreets.length }]);
    // A second seed, even one the kernel would not run again, adds nothing.
    await seedStreets(platform.ctx);
    expect(await count()).toBe(demoStreets.length);
  });
});

describe('finding a street', () => {
  it('finds it however the name is written, with its canonical name, district and zone', async () => {
    for (const typed of ['Kölner Straße', 'kölner str.', 'Koelner Strasse', 'KÖLNER STR', 'Kölnerstraße', 'Kölner-Straße']) {
      expect(await findStreet(db(), typed), typed).toMatchObject({ name: 'Kölner Straße', postcode: '41812', district: 'Erkelenz', parkingZone: 'B', latitude: null, longitude: null, source: 'demo' });
    }
    expect(await findStreet(db(), 'theodor körner str.')).toMatchObject({ name: 'Theodor-Körner-Straße', parkingZone: 'C' });
    expect(await findStreet(db(), 'Lovenicher Hauptstrasse')).toMatchObject({ name: 'Lövenicher Hauptstraße', district: 'Lövenich', parkingZone: null });
    expect(await findStreet(db(), 'Markt', '41812')).toMatchObject({ name: 'Markt', parkingZone: 'A' });
  });

  it('finds nothing for a street the town does not have, another postcode, or no name at all', async () => {
    expect(await findStreet(db(), 'Hauptstraße')).toBeNull();
    expect(await findStreet(db(), 'Markt', '41836')).toBeNull();
    expect(await findStreet(db(), '   ')).toBeNull();
    expect(await findStreet(db(), `${'Markt'.repeat(100)}`)).toBeNull();
    expect(await findStreet(db(), "Markt' or '1'='1")).toBeNull();
  });

  it('tells two streets of one name apart by their postcode, and names neither without it', async () => {
    await buildStreet(db(), { name: 'Wiesenweg', postcode: '41812', district: 'Gerderath' });
    await buildStreet(db(), { name: 'Wiesenweg', postcode: '41836', district: null, latitude: 51.0812, longitude: 6.2431 });
    expect(await findStreet(db(), 'Wiesenweg')).toBeNull();
    expect(await findStreet(db(), 'wiesenweg', '41836')).toMatchObject({ name: 'Wiesenweg', postcode: '41836', district: null, latitude: 51.0812, longitude: 6.2431, source: 'official' });
    expect(await findStreet(db(), 'Wiesenweg', '41812')).toMatchObject({ district: 'Gerderath' });
  });

  it('prefers the exact spelling over one that only matches without umlauts', async () => {
    await buildStreet(db(), { name: 'Mullerweg' });
    await buildStreet(db(), { name: 'Müllerweg' });
    expect(await findStreet(db(), 'Müllerweg')).toMatchObject({ name: 'Müllerweg' });
    expect(await findStreet(db(), 'Mullerweg')).toMatchObject({ name: 'Mullerweg' });
    expect(await findStreet(db(), 'Muellerweg')).toMatchObject({ name: 'Müllerweg' });
  });
});

describe('suggestions', () => {
  it('offers streets starting with what was typed first, then those containing it', async () => {
    const names = async (typed: string, limit?: number) => (await suggestStreets(db(), typed, limit)).map((street) => street.name);
    expect(await names('Kölner Stra')).toEqual(['Kölner Straße']);
    expect(await names('koel')).toEqual(['Kölner Straße']);
    expect(await names('Körner')).toEqual(['Theodor-Körner-Straße']);
    const promenades = await names('promenade');
    expect(promenades).toEqual(['Nordpromenade', 'Ostpromenade', 'Südpromenade', 'Westpromenade']);
    const ma = await names('Ma');
    expect(ma).toEqual(['Maarweg', 'Markt', 'Matzerather Straße', 'Johannismarkt']);
    expect(await names('str', 3)).toHaveLength(3);
    expect(await names('', 10)).toEqual([]);
    expect(await names('- . -')).toEqual([]);
    expect(await names('%')).toEqual([]);
  });
});

describe('the list of names', () => {
  it('is every name once, in German order, remembered until the streets change', async () => {
    const first = await streetNames(db(), platform.ctx.content);
    expect(first.filter((name) => name === 'Wiesenweg')).toHaveLength(1);
    expect(first).toHaveLength(new Set(first).size);
    expect([...first]).toEqual([...first].sort(new Intl.Collator('de').compare));
    // Ä, Ö and Ü sort with their vowels, not after Z.
    expect(first.indexOf('Lövenicher Hauptstraße')).toBeLessThan(first.indexOf('Maarweg'));
    expect(await streetNames(db(), platform.ctx.content)).toBe(first);
    await buildStreet(db(), { name: 'Zypressenweg' });
    const after = await streetNames(db(), platform.ctx.content);
    expect(after).not.toBe(first);
    expect(after.at(-1)).toBe('Zypressenweg');
    expect(await streetNames(db())).toEqual(after);
  });
});

describe('open data', () => {
  it('publishes every street with the columns its schema names, the source of each row included', async () => {
    const rows = await streetsDataset.rows(db(), platform.ctx.config);
    expect(rowProblems(streetsDataset.schema, rows)).toEqual([]);
    expect(rows.length).toBe(await count());
    expect(rows).toContainEqual({ name: 'Markt', postcode: '41812', district: 'Erkelenz', parking_zone: 'A', latitude: null, longitude: null, source: 'demo' });
    expect(rows).toContainEqual({ name: 'Wiesenweg', postcode: '41836', district: null, parking_zone: null, latitude: 51.0812, longitude: 6.2431, source: 'official' });
  });

  it('is listed among the module’s datasets', () => {
    const streets = platform.ctx.modules.find((module) => module.id === 'streets');
    expect(streets?.openData?.map((dataset) => dataset.id)).toEqual(['streets.register']);
  });
});
