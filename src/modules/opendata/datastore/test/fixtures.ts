import crypto from 'node:crypto';
import type { PublishedTableSchema } from '#modules/opendata/tables.ts';
import type { DatastoreRow } from '../types.ts';

/** A fresh resource id per table, so tests in one file never share a table. */
export const newResourceId = () => crypto.randomUUID();

export async function* rowsOf(rows: readonly DatastoreRow[]): AsyncGenerator<DatastoreRow> {
  for (const row of rows) yield row;
}

/** Public facilities of a small town: every column type the DataStore makes, German words with umlauts. */
export const facilitySchema: PublishedTableSchema = {
  fields: [
    { name: 'nummer', type: 'integer', title: 'Nummer', description: 'Laufende Nummer der Einrichtung' },
    { name: 'name', type: 'string', title: 'Name' },
    { name: 'stadtteil', type: 'string', title: 'Stadtteil' },
    { name: 'flaeche', type: 'number', title: 'Fläche', unit: 'm²' },
    { name: 'barrierefrei', type: 'boolean' },
    { name: 'eroeffnet', type: 'date' },
    { name: 'geaendert', type: 'datetime' },
    { name: 'oeffnet', type: 'time' },
    { name: 'baujahr', type: 'year' },
    { name: 'monat', type: 'yearmonth' },
    { name: 'lage', type: 'geojson' },
  ],
  primaryKey: ['nummer'],
};

const point = (x: number, y: number) => ({ type: 'Point', coordinates: [x, y] });

export const facilityRows: DatastoreRow[] = [
  [1, 'Stadtbücherei', 'Erkelenz', '412.50', true, '1998-04-01', '2024-05-02T08:00:00Z', '09:00', 1996, '1998-04', point(6.315, 51.08)],
  [2, 'Grundschule Lövenich', 'Lövenich', 1830.25, true, '1965-08-15', '2023-11-20T10:30:00Z', '07:45', 1964, '1965-08', point(6.25, 51.11)],
  [3, 'Jugendzentrum „Größenwahn“', 'Erkelenz', 310, false, '2010-01-10', null, '14:00', 2009, '2010-01', point(6.32, 51.077)],
  [4, 'Feuerwache Süd', 'Gerderath', 955.1, true, '2002-06-30', '2024-01-05T12:00:00Z', null, 2001, '2002-06', null],
  [5, 'Bürgerbüro', 'Erkelenz', 120, true, '2015-03-02', '2024-02-29T07:15:00Z', '08:00', 1985, '2015-03', point(6.3151, 51.0801)],
  [6, 'Turnhalle Keyenberg', 'Keyenberg', null, false, null, null, null, null, null, point(6.39, 51.12)],
  [7, 'Sporthalle Gerderath', 'Gerderath', 980, null, '1979-09-01', '2022-07-07T16:45:00Z', '06:30', 1978, '1979-09', point(6.2, 51.06)],
];
