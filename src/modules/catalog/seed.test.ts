import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '#kernel/platform.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { parseLeikaKey } from './rules.ts';
import { erkelenzCatalog } from './seed/index.ts';
import { staffClient } from './test/staff.ts';

/**
 * LeiKa keys the demo catalogue may carry: level A of ../shared/data/leika (key and title from the PVOG)
 * and three level-B keys found beside the same service name in several independent public sources. Every
 * other service has no key: a wrong key would route applications to the wrong place.
 */
const establishedKeys: Record<string, string> = {
  'personalausweis-beantragen': '99008001012000',
  geburtsurkunde: '99027002012000',
  'fuehrungszeugnis-beantragen': '99049001001000',
  'gewerbe-anmelden': '99050012104000',
  'hund-anmelden': '99102013104000',
  wohngeld: '99107023037000',
  wohnberechtigungsschein: '99107022012000',
  bewohnerparkausweis: '99108001001000',
  'wohnsitz-anmelden': '99115005104000',
  'eheschliessung-anmelden': '99059001104000',
  baugenehmigung: '99012070006001',
};

describe('the demo catalogue of Erkelenz', () => {
  const catalog = erkelenzCatalog();

  it('has more than sixty services, all published, all marked as demo data', () => {
    expect(catalog.services.length).toBeGreaterThanOrEqual(60);
    for (const entry of [...catalog.services, ...catalog.offices, ...catalog.lifeSituations]) {
      expect(entry.demo, entry.draft.slug).toBe(true);
      expect(entry.published, entry.draft.slug).toEqual(entry.draft);
    }
  });

  it('carries only established LeiKa keys, each valid, and none invented', () => {
    const keys = Object.fromEntries(catalog.services.filter((entry) => entry.draft.leikaKey !== null).map((entry) => [entry.draft.slug, entry.draft.leikaKey]));
    expect(keys).toEqual(establishedKeys);
    for (const key of Object.values(keys)) expect(parseLeikaKey(key)).toBe(key);
  });

  it('gives every service an office and an analog route, and every life situation services', () => {
    const offices = new Set(catalog.offices.map((entry) => entry.draft.slug));
    for (const { draft } of catalog.services) {
      expect(offices.has(draft.office!), draft.slug).toBe(true);
      expect(draft.channels.some((channel) => ['phone', 'email', 'paper', 'inPerson'].includes(channel.kind)), draft.slug).toBe(true);
    }
    for (const { draft } of catalog.lifeSituations) {
      expect(catalog.services.filter((entry) => entry.draft.lifeSituations.includes(draft.slug)).length, draft.slug).toBeGreaterThan(0);
    }
    expect(catalog.lifeSituations.map((entry) => entry.draft.slug)).toEqual(
      expect.arrayContaining(['geburt', 'umzug', 'heirat', 'todesfall', 'hund', 'bauen-wohnen', 'gewerbe-unternehmen', 'ausweise-dokumente', 'schule-kinderbetreuung', 'aelter-werden', 'umsiedlung']),
    );
  });

  it('12.18 has English for the most-used services, their offices and every life situation, fitting the German', () => {
    const english = ['personalausweis-beantragen', 'reisepass-beantragen', 'wohnsitz-anmelden', 'wohnsitz-abmelden', 'hund-anmelden', 'bewohnerparkausweis', 'geburtsurkunde', 'fuehrungszeugnis-beantragen', 'sperrmuell', 'abfallbehaelter'];
    for (const slug of english) {
      const service = catalog.services.find((entry) => entry.draft.slug === slug)!.draft;
      expect(service.en?.title, slug).toBeTruthy();
      expect(service.en?.summary, slug).toBeTruthy();
      expect(service.en?.description, slug).toBeTruthy();
      expect(service.en?.documents?.length, slug).toBe(service.documents.length);
      const office = catalog.offices.find((entry) => entry.draft.slug === service.office)!.draft;
      expect(office.en?.title, office.slug).toMatch(new RegExp(`\\(${office.title}\\)$`));
    }
    for (const { draft } of catalog.services.filter((entry) => entry.draft.en)) {
      // Twins of lists go position by position; instructions only for the routes the service has.
      if (draft.en?.feeLabels) expect(draft.en.feeLabels.length, draft.slug).toBe(draft.fees.length);
      if (draft.en?.linkLabels) expect(draft.en.linkLabels.length, draft.slug).toBe(draft.links.length);
      expect(Object.keys(draft.en?.channelInstructions ?? {}).sort(), draft.slug).toEqual(draft.channels.map((channel) => channel.kind).sort());
    }
    for (const { draft } of catalog.lifeSituations) {
      expect(draft.en?.title, draft.slug).toBeTruthy();
      expect(draft.en?.summary, draft.slug).toBeTruthy();
      expect(draft.en?.tips?.length, draft.slug).toBe(draft.tips.length);
    }
  });

  it('keeps to the facts on record: the town hall address and the Bürgerbüro hours of 2020', () => {
    const buergerbuero = catalog.offices.find((entry) => entry.draft.slug === 'buergerbuero')!.draft;
    expect([buergerbuero.street, buergerbuero.postalCode, buergerbuero.city, buergerbuero.phone]).toEqual(['Johannismarkt 17', '41812', 'Erkelenz', '02431 85-0']);
    expect(buergerbuero.hours.filter((period) => period.day === 2)).toEqual([
      { day: 2, opens: '07:30', closes: '12:30' },
      { day: 2, opens: '13:30', closes: '16:30' },
    ]);
  });
});

describe('seeding on first start', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await createTestPlatform({ DEMO_DATA: 'true' });
  });
  afterAll(async () => {
    await platform.close();
  });

  it('seeds once through the manifest and shows editors that the data is demo data', async () => {
    const seeded = await platform.ctx.db.selectFrom('seed_runs').select('module_id').execute();
    expect(seeded.map((row) => row.module_id)).toContain('catalog');
    expect(await seedDemoData(platform.ctx)).toEqual([]);
    const editor = await staffClient(platform, 'editor');
    const dashboard = await editor.client.get('/verwaltung/katalog');
    expect(dashboard.body).toContain('Der Katalog enthält Demodaten');
    expect(dashboard.body).toContain('100 Einträge stammen aus den Demodaten dieser Installation.');
    expect(dashboard.body).toContain('Leistungen (73)');
    const home = await editor.client.get('/');
    for (const situation of ['/lebenslagen/geburt', '/lebenslagen/umzug', '/lebenslagen/umsiedlung']) expect(home.body).toContain(`href="${situation}"`);
  });
});
