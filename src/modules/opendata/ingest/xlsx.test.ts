import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { inspect, typedRows } from './index.ts';
import { bytesFile, collect } from './test-files.ts';

async function workbookFile(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Ladesäulen');
  sheet.addRow(['Standort', 'Ladepunkte', 'Leistung kW', 'In Betrieb seit', 'Letzte Prüfung', 'Öffentlich', 'Kennung', 'Summe']);
  sheet.addRow(['Markt', 2, 22, new Date(Date.UTC(2021, 4, 3)), new Date(Date.UTC(2024, 0, 15, 9, 30)), true, '01234', { formula: 'B2*C2', result: 44 }]);
  sheet.addRow([{ richText: [{ text: 'Bahn' }, { text: 'hof' }] }, 4, 11.5, new Date(Date.UTC(2022, 10, 30)), new Date(Date.UTC(2024, 1, 1, 14, 0)), false, '00077', { formula: 'B3*C3', result: 46 }]);
  // A row that ends early: a worksheet leaves out trailing empty cells.
  sheet.addRow(['Schule', 1, 3.7]);
  workbook.addWorksheet('Notizen').addRow(['nur eine Notiz']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('inspect and typedRows on XLSX', () => {
  it('reads the first worksheet streamed, typed as the cells are, and notes the other worksheets', async () => {
    const open = bytesFile(await workbookFile());
    const { schema, report, parsing } = await inspect(open, 'XLSX');
    expect(report).toMatchObject({ valid: true, rowCount: 3, errorCount: 0, notes: ['opendata:ingest.notes.moreWorksheets'] });
    expect(parsing).toMatchObject({ format: 'XLSX', sheet: 'Ladesäulen', headerRow: 1 });
    expect(schema.fields.map((field) => [field.name, field.type])).toEqual([
      ['standort', 'string'],
      ['ladepunkte', 'integer'],
      ['leistung_kw', 'number'],
      ['in_betrieb_seit', 'date'],
      ['letzte_pruefung', 'datetime'],
      ['oeffentlich', 'boolean'],
      ['kennung', 'string'],
      ['summe', 'integer'],
    ]);
    expect(await collect(typedRows(open, 'XLSX', schema, parsing))).toEqual([
      ['Markt', 2, 22, '2021-05-03', '2024-01-15T09:30:00', true, '01234', 44],
      ['Bahnhof', 4, 11.5, '2022-11-30', '2024-02-01T14:00:00', false, '00077', 46],
      ['Schule', 1, 3.7, null, null, null, null, null],
    ]);
  });

  it('reports a file that is no workbook', async () => {
    const { report } = await inspect(() => Promise.resolve(Readable.from([Buffer.from('Stadtteil;Einwohner\nMitte;1\n')])), 'XLSX');
    expect(report).toMatchObject({ valid: false, truncated: true, errors: [{ type: 'source-error', values: { code: 'xlsx' } }] });
  });
});
