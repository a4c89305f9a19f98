import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { DatastoreQueryError, loadTable, search, type DatastoreQuery, type FilterValue } from './index.ts';
import { facilityRows, facilitySchema, newResourceId, rowsOf } from './test/fixtures.ts';

let platform: TestPlatform;
const resourceId = newResourceId();
beforeAll(async () => {
  platform = await createTestPlatform();
  await loadTable(platform.ctx, { resourceId, schema: facilitySchema, rows: rowsOf(facilityRows) });
});
afterAll(async () => {
  await platform.close();
});

const numbers = async (query: DatastoreQuery) => {
  const result = await search(platform.ctx, resourceId, { ...query, fields: ['nummer'], recordsFormat: 'lists' });
  return (result.records as number[][]).map(([nummer]) => nummer);
};

async function refusal(query: DatastoreQuery): Promise<Record<string, string[]>> {
  const error = await search(platform.ctx, resourceId, query).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(DatastoreQueryError);
  return (error as DatastoreQueryError).errors;
}

describe('filters', () => {
  it('match a value exactly, and a list as any of its values', async () => {
    expect(await numbers({ filters: { stadtteil: 'Erkelenz' } })).toEqual([1, 3, 5]);
    expect(await numbers({ filters: { stadtteil: ['Gerderath', 'Keyenberg'] } })).toEqual([4, 6, 7]);
    expect(await numbers({ filters: { stadtteil: 'Erkelenz', barrierefrei: true } })).toEqual([1, 5]);
    expect(await numbers({ filters: { barrierefrei: 'false' } })).toEqual([3, 6]);
    expect(await numbers({ filters: { eroeffnet: '1965-08-15' } })).toEqual([2]);
  });

  it('take CKAN 2.12’s ranges and null for an empty cell', async () => {
    expect(await numbers({ filters: { flaeche: { gte: 400, lt: 1000 } } })).toEqual([1, 4, 7]);
    expect(await numbers({ filters: { eroeffnet: { gt: '2005-01-01' } } })).toEqual([3, 5]);
    expect(await numbers({ filters: { geaendert: { lt: '2024-01-01T00:00:00Z' } } })).toEqual([2, 7]);
    expect(await numbers({ filters: { flaeche: null } })).toEqual([6]);
    expect(await numbers({ filters: { nummer: [] } })).toEqual([]);
  });

  it('refuse unknown fields, values of the wrong type and bad ranges, naming every one at once', async () => {
    expect(await refusal({ filters: { gibtsnicht: 1, nummer: 'eins', eroeffnet: '2024-02-30', flaeche: { between: 1 } as unknown as FilterValue, lage: 'x' } })).toEqual({
      filters: [
        'field "gibtsnicht" not in table',
        'invalid value "eins" for field "nummer"',
        'invalid value "2024-02-30" for field "eroeffnet"',
        'invalid range for field "flaeche": use gt, gte, lt or lte',
        'field "lage" cannot be filtered',
      ],
    });
  });

  it('take injection attempts as plain values or refuse them, and the table stays', async () => {
    expect(await numbers({ filters: { stadtteil: "Erkelenz' or '1'='1" } })).toEqual([]);
    expect(await refusal({ filters: { 'stadtteil" = stadtteil or "1': 'x' } })).toEqual({ filters: ['field "stadtteil" = stadtteil or "1" not in table'] });
    expect(await refusal({ filters: { nummer: '1 or 1=1' } })).toEqual({ filters: ['invalid value "1 or 1=1" for field "nummer"'] });
    expect(await numbers({})).toHaveLength(7);
  });
});

describe('full-text query', () => {
  it('finds German words as typed, umlauts and ß included, in any case', async () => {
    expect(await numbers({ q: 'Lövenich' })).toEqual([2]);
    expect(await numbers({ q: 'stadtbücherei' })).toEqual([1]);
    expect(await numbers({ q: 'SÜD' })).toEqual([4]);
    expect(await numbers({ q: 'Größenwahn' })).toEqual([3]);
    expect(await numbers({ q: 'Erkelenz Bürgerbüro' })).toEqual([5]);
    expect(await numbers({ q: 'Halle' })).toEqual([]);
  });

  it('searches the words of text columns; numbers are found by filters or field by field', async () => {
    expect(await numbers({ q: '1830.25' })).toEqual([]);
    expect(await numbers({ q: 'true' })).toEqual([]);
    expect(await numbers({ filters: { flaeche: 1830.25 } })).toEqual([2]);
    expect(await numbers({ q: { flaeche: '1830' } })).toEqual([2]);
    expect(await numbers({ q: '1998-04' })).toEqual([1]);
  });

  it('reads quotes, or and minus as a search box does, and odd punctuation without failing', async () => {
    expect(await numbers({ q: 'Gerderath -Feuerwache' })).toEqual([7]);
    expect(await numbers({ q: 'Keyenberg or Lövenich' })).toEqual([2, 6]);
    expect(await numbers({ q: '"Turnhalle Keyenberg"' })).toEqual([6]);
    expect(await numbers({ q: "'):*&|!(" })).toEqual([]);
  });

  it('puts the best matches first, as CKAN does, unless a sort is asked for', async () => {
    // Lövenich and Gerderath stand twice in rows 2 and 7 (name and district), once in row 4.
    expect(await numbers({ q: 'Gerderath or Lövenich' })).toEqual([2, 7, 4]);
    expect(await numbers({ q: 'Gerderath or Lövenich', sort: 'nummer desc' })).toEqual([7, 4, 2]);
    expect(await numbers({ q: 'Gerderath or Lövenich', offset: 1, limit: 1 })).toEqual([7]);
    expect(await numbers({ q: 'Gerderath or Lövenich', distinct: true })).toEqual([2, 4, 7]);
  });

  it('takes tsquery syntax when plain is false, and refuses what is not', async () => {
    expect(await numbers({ q: 'sport:* | turn:*', plain: false })).toEqual([6, 7]);
    expect(await refusal({ q: 'a & | b', plain: false })).toEqual({ q: ['invalid full-text query "a & | b"'] });
  });

  it('searches field by field with a dictionary, taking % and _ literally', async () => {
    expect(await numbers({ q: { name: 'halle', stadtteil: 'gerde' } })).toEqual([7]);
    expect(await numbers({ q: { name: '%' } })).toEqual([]);
    expect(await numbers({ q: { monat: '1998' } })).toEqual([1]);
    expect(await refusal({ q: { unbekannt: 'x' } })).toEqual({ q: ['field "unbekannt" not in table'] });
  });
});

describe('sort, paging and totals', () => {
  it('sorts by several fields, descending and with nulls where asked', async () => {
    expect(await numbers({ sort: 'stadtteil, flaeche desc' })).toEqual([1, 3, 5, 7, 4, 6, 2]);
    expect(await numbers({ sort: 'flaeche desc nulls last' })).toEqual([2, 7, 4, 1, 3, 5, 6]);
    expect(await numbers({ sort: ['barrierefrei desc nulls last', '"nummer" desc'] })).toEqual([5, 4, 2, 1, 6, 3, 7]);
  });

  it('refuses sorts that are not a field and a direction', async () => {
    expect(await refusal({ sort: 'nummer; drop table x' })).toEqual({ sort: ['invalid sort "nummer; drop table x"'] });
    expect(await refusal({ sort: 'nummer sideways' })).toEqual({ sort: ['invalid sort "nummer sideways"'] });
    expect(await refusal({ sort: 'length(name)' })).toEqual({ sort: ['field "length(name)" not in table'] });
    expect(await refusal({ sort: 'preis desc' })).toEqual({ sort: ['field "preis" not in table'] });
  });

  it('pages with limit and offset and counts every match exactly', async () => {
    const page = await search(platform.ctx, resourceId, { filters: { barrierefrei: true }, limit: 2, offset: 1, fields: 'nummer, name' });
    expect(page).toEqual({
      fields: [
        { id: 'nummer', type: 'int8', info: { label: 'Nummer', notes: 'Laufende Nummer der Einrichtung' } },
        { id: 'name', type: 'text', info: { label: 'Name' } },
      ],
      records: [
        { nummer: 2, name: 'Grundschule Lövenich' },
        { nummer: 4, name: 'Feuerwache Süd' },
      ],
      total: 4,
      totalWasEstimated: false,
      limit: 2,
      offset: 1,
    });
    const withoutTotal = await search(platform.ctx, resourceId, { includeTotal: false, limit: 1 });
    expect(withoutTotal.total).toBeUndefined();
    expect(withoutTotal.records).toHaveLength(1);
  });

  it('takes 100 rows by default, cuts a limit above 32,000 and refuses negative numbers', async () => {
    expect((await search(platform.ctx, resourceId)).limit).toBe(100);
    expect((await search(platform.ctx, resourceId, { limit: 1_000_000 })).limit).toBe(32_000);
    expect(await refusal({ limit: -1, offset: 1.5 })).toEqual({ limit: ['Must be a natural number'], offset: ['Must be a natural number'] });
  });

  it('gives distinct rows, counted as such', async () => {
    const result = await search(platform.ctx, resourceId, { fields: ['stadtteil'], distinct: true, sort: 'stadtteil desc' });
    expect(result.records).toEqual([{ stadtteil: 'Lövenich' }, { stadtteil: 'Keyenberg' }, { stadtteil: 'Gerderath' }, { stadtteil: 'Erkelenz' }]);
    expect(result.total).toBe(4);
    expect(await refusal({ fields: ['stadtteil'], distinct: true, sort: 'nummer' })).toEqual({ sort: ['invalid sort "nummer"'] });
  });
});

describe('fields and formats', () => {
  it('refuses unknown fields and never shows _full_text', async () => {
    expect(await refusal({ fields: 'nummer, _full_text, preis' })).toEqual({ fields: ['field "_full_text" not in table', 'field "preis" not in table'] });
    const all = await search(platform.ctx, resourceId, { limit: 1 });
    expect(all.fields.map((field) => field.id)).not.toContain('_full_text');
    expect(Object.keys((all.records as object[])[0]!)).toHaveLength(12);
  });

  it('writes records as lists, CSV or TSV (no header, as CKAN does), numbers as stored', async () => {
    const query = { fields: ['nummer', 'name', 'flaeche'], filters: { nummer: [1, 3] } };
    expect((await search(platform.ctx, resourceId, { ...query, recordsFormat: 'lists' })).records).toEqual([
      [1, 'Stadtbücherei', 412.5],
      [3, 'Jugendzentrum „Größenwahn“', 310],
    ]);
    expect((await search(platform.ctx, resourceId, { ...query, recordsFormat: 'csv' })).records).toBe('1,Stadtbücherei,412.50\n3,Jugendzentrum „Größenwahn“,310\n');
    const tsv = await search(platform.ctx, resourceId, { fields: ['nummer', 'lage'], filters: { nummer: 5 }, recordsFormat: 'tsv' });
    expect(tsv.records).toBe('5\t"{""type"":""Point"",""coordinates"":[6.3151,51.0801]}"\n');
  });
});
