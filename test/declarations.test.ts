import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInBerlin } from '#kernel/calendar.ts';
import { cronProblem, figureProblems, publishedTableSchema, rowProblems, schemaProblems } from '#kernel/declarations/check.ts';
import { dataThemes, frequencies, licences } from '#kernel/declarations/datasets.ts';
import { units, type MonthRange } from '#kernel/declarations/figures.ts';
import { kernelManifest } from '#kernel/manifest.ts';
import type { ModuleManifest } from '#kernel/module.ts';
import { modules } from '#modules/index.ts';
import { createTestPlatform, type TestPlatform } from './platform.ts';

/*
 * Every module's open-data and statistics declarations, run on a database seeded the way a new installation
 * is: each dataset's query runs and its rows fit its Table Schema, each figure yields a number in its unit
 * for every month and split it declares, and every text the declarations name exists in German and English.
 * The declarations are read from the manifests, so a module added later is checked here without an edit.
 */

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
  for (const module of platform.ctx.modules) await module.seed?.(platform.ctx);
});
afterAll(async () => {
  await platform.close();
});

const all: readonly ModuleManifest[] = [kernelManifest, ...modules];
const datasets = all.flatMap((module) => (module.openData ?? []).map((dataset) => ({ module: module.id, dataset })));
const figures = all.flatMap((module) => (module.stats ?? []).map((figure) => ({ module: module.id, figure })));

/** The last three months in Berlin, this one included. */
function lastMonths(): MonthRange {
  const [year, month] = todayInBerlin().split('-').map(Number) as [number, number];
  const back = new Date(Date.UTC(year, month - 3, 1));
  return { from: back.toISOString().slice(0, 7), to: `${year}-${String(month).padStart(2, '0')}` };
}

/** The i18n keys among `keys` that are missing in German or English (no fallback from one to the other). */
function missingTexts(keys: readonly string[]): string[] {
  return keys.flatMap((full) => {
    const [namespace = '', key = ''] = full.split(':');
    return (['de', 'en'] as const).filter((language) => typeof platform.ctx.i18n.getResource(language, namespace, key) !== 'string').map((language) => `${language} ${full}`);
  });
}

describe('declarations of open data and statistics', () => {
  it('include the catalogue’s datasets and the figures of catalogue, notify and accounts', () => {
    expect(datasets.map(({ dataset }) => dataset.id)).toEqual(expect.arrayContaining(['catalog.services', 'catalog.offices']));
    expect(figures.map(({ figure }) => figure.id)).toEqual(
      expect.arrayContaining(['catalog.services-online', 'notify.messages-sent', 'notify.letters-printed', 'accounts.citizen-accounts', 'accounts.letter-preference-share']),
    );
  });

  it('have ids of the form <module>.<name>, each once', () => {
    const ids = [...datasets.map(({ module, dataset }) => ({ module, id: dataset.id })), ...figures.map(({ module, figure }) => ({ module, id: figure.id }))];
    for (const { module, id } of ids) expect(id, id).toMatch(new RegExp(`^${module}\\.[a-z0-9]+(-[a-z0-9]+)*$`));
    expect(new Set(ids.map(({ id }) => id)).size).toBe(ids.length);
  });
});

describe.each(datasets.map(({ dataset }) => [dataset.id, dataset] as const))('dataset %s', (_id, dataset) => {
  it('names an open licence of DCAT-AP.de, an EU frequency and data themes, and a refresh schedule cron can read', () => {
    expect(licences[dataset.licence], dataset.licence).toBe(true);
    expect(frequencies).toContain(dataset.frequency);
    expect(dataset.themes.length).toBeGreaterThan(0);
    for (const theme of dataset.themes) expect(dataThemes).toContain(theme);
    expect(cronProblem(dataset.refresh), dataset.refresh).toBeUndefined();
  });

  it('yields rows from a seeded database that fit its Table Schema: types, formats, required fields, keys', async () => {
    expect(schemaProblems(dataset.schema)).toEqual([]);
    const rows = await dataset.rows(platform.ctx.db, platform.ctx.config);
    // A check on no rows checks nothing: a module that publishes data seeds some.
    expect(rows.length).toBeGreaterThan(0);
    expect(rowProblems(dataset.schema, rows)).toEqual([]);
    for (const field of dataset.schema.fields) if (field.unit) expect(units).toContain(field.unit);
  });

  it('has its title, description and every column’s title and description in German and English', () => {
    const keys = [dataset.title, dataset.description, ...dataset.schema.fields.flatMap((field) => [field.title, field.description])];
    expect(missingTexts(keys)).toEqual([]);
    const published = publishedTableSchema(dataset.schema, platform.ctx.i18n.getFixedT('en')) as { fields: { title: string }[] };
    expect(published.fields.map((field) => field.title)).not.toContain(dataset.schema.fields[0]!.title);
  });
});

describe.each(figures.map(({ figure }) => [figure.id, figure] as const))('figure %s', (_id, figure) => {
  it('yields one number in its unit for every month and split it declares', async () => {
    const range = lastMonths();
    const values = await figure.values(platform.ctx.db, range);
    expect(values.length).toBeGreaterThan(0);
    expect(figureProblems(figure, values, range)).toEqual([]);
  });

  it('has its title, definition, unit, splits and their values in German and English', () => {
    const keys = [
      figure.title,
      figure.definition,
      `kernel:units.${figure.unit}`,
      ...(figure.dimensions ?? []).flatMap((dimension) => [dimension.label, ...Object.values(dimension.values)]),
    ];
    expect(missingTexts(keys)).toEqual([]);
  });
});
