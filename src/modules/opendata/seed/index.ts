import { systemActor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { formats } from '../formats.ts';
import { opendataDb } from '../repo.ts';
import { createDataset, type DatasetInput } from '../service.datasets.ts';
import { publishDueDeclarations } from '../service.declared.ts';
import { addResource, receiveVersion } from '../service.resources.ts';
import { chargingStationsCsv, districtsCsv, facilitiesGeoJson, wasteCalendarCsv } from './files.ts';

/*
 * Demo data for the portal: the offices that publish, a handful of datasets about Erkelenz (the districts'
 * inhabitants as the city published them; charging stations, public facilities and a waste calendar made
 * up, and marked as demo data), and the platform's own declared datasets.
 */

const seeder = systemActor('opendata.seed');

const organizations = [
  { name: 'stadtplanung', title: 'Amt für Stadtplanung und Geodaten', title_en: 'Urban planning and geodata', description: 'Plant die Entwicklung der Stadt und pflegt ihre Geodaten und Statistiken.', email: 'geodaten@erkelenz.de' },
  { name: 'umwelt-klima', title: 'Umwelt und Klimaschutz', title_en: 'Environment and climate protection', description: 'Kümmert sich um Klimaschutz, Mobilität und Umwelt in Erkelenz.', email: 'klimaschutz@erkelenz.de' },
  { name: 'abfallwirtschaft', title: 'Abfallwirtschaft', title_en: 'Waste management', description: 'Organisiert die Abfuhr von Rest-, Bio- und Wertstoffabfällen.', email: 'abfall@erkelenz.de' },
];

interface DemoDataset {
  input: DatasetInput;
  resource: { title: string; description: string; format: 'CSV' | 'GEOJSON'; filename: string; content: () => Buffer };
}

const common = { spatial: ['05370004'], contactUrl: 'https://www.erkelenz.de' };

const demoDatasets: DemoDataset[] = [
  {
    input: {
      ...common,
      name: 'einwohner-stadtbezirke',
      organization: 'stadtplanung',
      title: 'Einwohnerinnen und Einwohner nach Stadtbezirken',
      titleEn: 'Inhabitants by city district',
      description: 'Die Zahl der Einwohnerinnen und Einwohner in den neun Stadtbezirken von Erkelenz am 31.12.2018 und am 31.12.2021, mit der Veränderung in Prozent.',
      descriptionEn: 'The number of inhabitants of the nine city districts of Erkelenz on 31 December 2018 and 2021, with the change in per cent.',
      keywords: ['Einwohner', 'Bevölkerung', 'Stadtbezirke', 'Statistik'],
      themes: ['SOCI', 'REGI'],
      licence: 'cc-by/4.0',
      attribution: 'Stadt Erkelenz',
      contactEmail: 'geodaten@erkelenz.de',
      temporalStart: '2018-12-31',
      temporalEnd: '2021-12-31',
      frequency: 'ANNUAL',
      hvdCategory: 'c_e1da4e07',
    },
    resource: { title: 'Einwohner nach Stadtbezirken (CSV)', description: 'Eine Zeile je Stadtbezirk.', format: 'CSV', filename: 'einwohner-stadtbezirke.csv', content: districtsCsv },
  },
  {
    input: {
      ...common,
      name: 'ladesaeulen',
      organization: 'umwelt-klima',
      title: 'Öffentliche Ladesäulen für Elektrofahrzeuge',
      titleEn: 'Public charging stations for electric vehicles',
      description: 'Öffentlich zugängliche Ladeeinrichtungen in Erkelenz mit Betreiber, Leistung, Ladepunkten, Adresse und Lage, im Aufbau des Ladesäulenregisters. Demodaten: Betreiber und Standorte sind erfunden.',
      descriptionEn: 'Publicly accessible charging stations in Erkelenz with operator, power, charging points, address and location, laid out as the charging station register. Demo data: operators and locations are made up.',
      keywords: ['Elektromobilität', 'Ladesäulen', 'Laden', 'Mobilität'],
      themes: ['TRAN', 'ENER'],
      licence: 'cc-by/4.0',
      attribution: 'Stadt Erkelenz (Demodaten)',
      contactEmail: 'klimaschutz@erkelenz.de',
      temporalStart: '2019-01-01',
      frequency: 'MONTHLY',
      hvdCategory: 'c_b79e35eb',
      demo: true,
    },
    resource: { title: 'Ladesäulen (CSV)', description: 'Eine Zeile je Ladeeinrichtung, Trennzeichen Semikolon, Koordinaten mit Dezimalkomma.', format: 'CSV', filename: 'ladesaeulen.csv', content: chargingStationsCsv },
  },
  {
    input: {
      ...common,
      name: 'oeffentliche-einrichtungen',
      organization: 'stadtplanung',
      title: 'Öffentliche Einrichtungen',
      titleEn: 'Public facilities',
      description: 'Rathaus, Bürgerbüro, Bücherei, Bad und andere öffentliche Einrichtungen in Erkelenz als Punkte mit Art und Adresse. Demodaten: die Lage ist angenähert.',
      descriptionEn: 'Town hall, citizens office, library, pool and other public facilities in Erkelenz as points with kind and address. Demo data: locations are approximate.',
      keywords: ['Einrichtungen', 'Verwaltung', 'Karte', 'Standorte'],
      themes: ['GOVE', 'REGI'],
      licence: 'dl-zero-de/2.0',
      contactEmail: 'geodaten@erkelenz.de',
      temporalStart: '2026-01-01',
      frequency: 'IRREG',
      hvdCategory: 'c_ac64a52d',
      demo: true,
    },
    resource: { title: 'Einrichtungen (GeoJSON)', description: 'Punkte in WGS 84.', format: 'GEOJSON', filename: 'einrichtungen.geojson', content: facilitiesGeoJson },
  },
  {
    input: {
      ...common,
      name: 'abfuhrkalender-2027',
      organization: 'abfallwirtschaft',
      title: 'Abfuhrkalender 2027',
      titleEn: 'Waste collection calendar 2027',
      description: 'Die Abfuhrtage für Restmüll, Bioabfall, Papier und Gelben Sack je Stadtbezirk im Jahr 2027. Demodaten: die Termine sind erfunden.',
      descriptionEn: 'Collection days for residual waste, bio waste, paper and packaging per city district in 2027. Demo data: the dates are made up.',
      keywords: ['Abfall', 'Müllabfuhr', 'Abfuhrtermine', 'Entsorgung'],
      themes: ['ENVI'],
      licence: 'dl-zero-de/2.0',
      contactEmail: 'abfall@erkelenz.de',
      temporalStart: '2027-01-01',
      temporalEnd: '2027-12-31',
      frequency: 'ANNUAL',
      demo: true,
    },
    resource: { title: 'Abfuhrtermine 2027 (CSV)', description: 'Eine Zeile je Abfuhr: Stadtbezirk, Tag, Abfallart.', format: 'CSV', filename: 'abfuhrkalender-2027.csv', content: wasteCalendarCsv },
  },
];

export async function seedOpendata(ctx: KernelContext): Promise<void> {
  const db = opendataDb(ctx.db);
  for (const organization of organizations) {
    await db.insertInto('opendata_organizations').values(organization).onConflict((oc) => oc.column('name').doNothing()).execute();
  }
  for (const { input, resource } of demoDatasets) {
    const created = await createDataset(ctx, seeder, input, { state: 'active' });
    // Seeded once: a dataset of that name (from an earlier start) stays as it is.
    if (!created.ok) continue;
    const added = await addResource(ctx, seeder, created.id, { title: resource.title, description: resource.description, format: resource.format });
    if (!added.ok) throw new Error(`Demo resource of ${input.name} refused: ${added.reason}`);
    const stored = await ctx.files.put(resource.content(), { accept: formats[resource.format].mediaTypes, maxBytes: 10 * 1024 * 1024 });
    if (!stored.ok) throw new Error(`Demo file of ${input.name} refused: ${stored.reason}`);
    const received = await receiveVersion(ctx, seeder, added.id, { fileId: stored.file.id, filename: resource.filename }, { now: true });
    if (!received.ok) throw new Error(`Demo version of ${input.name} refused: ${received.reason}`);
  }
  await publishDueDeclarations(ctx);
}
