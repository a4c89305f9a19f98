import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, systemActor } from '#kernel/auth/actor.ts';
import { AccessDenied } from '#kernel/auth/permissions.ts';
import { createTestPlatform, type TestPlatform } from '#test/platform.ts';
import { importCommand } from './commands.ts';
import { importProblemMessages } from './import.words.ts';
import { findStreet } from './index.ts';
import { allStreets, countStreets, streetsDb } from './repo.ts';
import { demoStreets } from './seed/demo-streets.ts';
import { seedStreets } from './seed/index.ts';
import { importStreets } from './service.import.ts';

let platform: TestPlatform;
let dir: string;

beforeAll(async () => {
  platform = await createTestPlatform();
  await seedStreets(platform.ctx);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'streets-import-'));
});
afterAll(async () => {
  await platform.close();
  await fs.rm(dir, { recursive: true, force: true });
});

let files = 0;
async function file(content: string | Uint8Array): Promise<string> {
  files += 1;
  const name = path.join(dir, `streets-${files}.csv`);
  await fs.writeFile(name, content);
  return name;
}

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await importCommand.run(platform.ctx, args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

const streets = () => streetsDb(platform.ctx.db);
const official = [
  'name;postcode;district;parking_zone;latitude;longitude',
  'Markt;41812;Erkelenz;A;51,0795;6,3153',
  'Kölner Straße;41812;Erkelenz;b;51.0781;6.3204',
  '"Theodor-Körner-Str.";41812;Erkelenz;;;',
  'Am Weiher;41812;Erkelenz;;;',
  'Neuer Weg;41812;Gerderath;;;',
  '',
].join('\r\n');

describe('importing the street register from a CSV file', () => {
  it('refuses broken rows, each reported with its line, and changes nothing', async () => {
    const broken = [
      'name;postcode;district;parking_zone;latitude;longitude',
      'Markt;41812;Erkelenz;A;;',
      ';41812;Erkelenz;;;',
      'Burgstraße;4181;Erkelenz;;;',
      'Brückstraße;418 12;Erkelenz;;;',
      'Kölner Straße;41812;Erkelenz;A B C D E F;;',
      'Westpromenade;41812;Erkelenz;;95;6.3',
      'Ostpromenade;41812;Erkelenz;;51.08;',
      'Südpromenade;41812;Erkelenz;;Nord;6.3',
      'Markt;41812;Erkelenz;A;;',
      'Nordpromenade;41812;Erkelenz',
      '12345;41812;;;;',
    ].join('\n');
    const before = await allStreets(streets());
    const { code, err } = await run('--file', await file(broken));
    expect(code).toBe(1);
    // Line 4's four digits are a postcode whose leading zero a spreadsheet dropped (04181): no problem.
    expect(err).toEqual([
      'Nothing was imported; the file has 9 problem(s):',
      '  - Line 3: The street name is missing.',
      '  - Line 5: “418 12” is no postcode; five digits are expected, for example 41812.',
      '  - Line 6: “A B C D E F” is no residents’ parking zone; letters or digits are expected, at most ten characters, for example A.',
      '  - Line 7: 95 in the column latitude is not between −90 and 90.',
      '  - Line 8: Latitude and longitude belong together: please give both or leave both empty.',
      '  - Line 9: “Nord” in the column latitude is no coordinate; a decimal number such as 51.0795 or 51,0795 is expected.',
      '  - Line 10: “Markt” (41812) is already on line 2.',
      '  - Line 11: The line has 3 columns, the header line 6.',
      '  - Line 12: “12345” is no street name: it has no letters, or control characters.',
    ]);
    expect(await allStreets(streets())).toEqual(before);
  });

  it('replaces the demo streets with a good file, in one transaction with its audit record', async () => {
    expect(await countStreets(streets(), 'demo')).toBe(demoStreets.length);
    const { code, out, err } = await run('--file', await file(official));
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual([`Imported 5 streets: 1 new, 4 updated, ${demoStreets.length - 4} removed.`]);
    expect(await countStreets(streets(), 'demo')).toBe(0);
    expect((await allStreets(streets())).map((street) => [street.name, street.parkingZone, street.latitude, street.longitude, street.source])).toEqual([
      ['Am Weiher', null, null, null, 'official'],
      ['Kölner Straße', 'B', 51.0781, 6.3204, 'official'],
      ['Markt', 'A', 51.0795, 6.3153, 'official'],
      ['Neuer Weg', null, null, null, 'official'],
      ['Theodor-Körner-Str.', null, null, null, 'official'],
    ]);
    expect(await findStreet(platform.ctx.db, 'Theodor-Körner-Straße')).toMatchObject({ name: 'Theodor-Körner-Str.', parkingZone: null });
    expect(await findStreet(platform.ctx.db, 'Burgstraße')).toBeNull();
    // The demo seed never mixes its rows into the city's register.
    await seedStreets(platform.ctx);
    expect(await countStreets(streets())).toBe(5);
    const audit = await platform.ctx.db.selectFrom('audit_log').select(['action', 'actor_label', 'subject_type', 'meta']).where('action', '=', 'streets.imported').execute();
    expect(audit).toEqual([{ action: 'streets.imported', actor_label: 'system:cli', subject_type: 'streets', meta: { total: 5, created: 1, updated: 4, removed: demoStreets.length - 4 } }]);
  });

  it('keeps the ids of streets a new file still has, and reads Windows-1252 with commas', async () => {
    const markt = await findStreet(platform.ctx.db, 'Markt');
    const latin = Buffer.from(['name,postcode,district', 'Markt,41812,Erkelenz', 'Kölner Straße,41812,Erkelenz', 'Brückstraße,41812,Erkelenz', 'Lövenicher Weg,41812,Lövenich'].join('\r\n'), 'latin1');
    expect(latin.includes(Buffer.from('ö', 'utf8'))).toBe(false);
    const { code, out } = await run('--file', await file(latin));
    expect(code).toBe(0);
    expect(out).toEqual(['Imported 4 streets: 2 new, 2 updated, 3 removed.']);
    expect(await findStreet(platform.ctx.db, 'markt')).toMatchObject({ id: markt!.id, parkingZone: null, latitude: null });
    expect(await findStreet(platform.ctx.db, 'Loevenicher Weg')).toMatchObject({ name: 'Lövenicher Weg', district: 'Lövenich' });
    expect(await findStreet(platform.ctx.db, 'brueckstr')).toMatchObject({ name: 'Brückstraße' });
  });

  it('says what is wrong with the header, an unclosed quote, an empty file or one without streets', async () => {
    const cases: [string, string[]][] = [
      ['strasse;plz\nMarkt;41812', ['  - Line 1: The column “strasse” is unknown. Possible columns: name;postcode;district;parking_zone;latitude;longitude.', '  - Line 1: The column “plz” is unknown. Possible columns: name;postcode;district;parking_zone;latitude;longitude.', '  - Line 1: The column “name” is missing from the header line. Expected: name;postcode;district;parking_zone;latitude;longitude.', '  - Line 1: The column “postcode” is missing from the header line. Expected: name;postcode;district;parking_zone;latitude;longitude.']],
      ['name;name;postcode\nMarkt;Markt;41812', ['  - Line 1: The column “name” appears twice in the header line.']],
      ['name;postcode\nMarkt;41812\n"Burgstraße;41812\n', ['  - Line 3: A quotation mark opens here and is never closed.']],
      ['', ['  - The file is empty; a header line and one line per street are expected.']],
      ['\ufeffname;postcode\r\n;\r\n', ['  - The file has only its header line and no street.']],
    ];
    for (const [content, problems] of cases) {
      const { code, err } = await run('--file', await file(content));
      expect(code, content).toBe(1);
      expect(err.slice(1), content).toEqual(problems);
    }
    expect(await countStreets(streets())).toBe(4);
  });

  it('answers a call without a file, or with one it cannot read, with how to call it', async () => {
    expect(await run()).toMatchObject({ code: 64, err: ['Usage: npm run cli -- streets-import --file <csv>'] });
    expect((await run('--fiel', 'x.csv')).code).toBe(64);
    const missing = await run('--file', path.join(dir, 'gibt-es-nicht.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toMatch(/^Cannot read .*gibt-es-nicht\.csv: ENOENT/);
  });

  it('has every problem in German too, for the city’s own staff', () => {
    const t = platform.ctx.i18n.getFixedT('de');
    expect(importProblemMessages(t, [{ code: 'postcode', line: 5, values: { value: '418 12' } }, { code: 'empty-file' }])).toEqual([
      'Zeile 5: „418 12“ ist keine Postleitzahl; erwartet werden fünf Ziffern, zum Beispiel 41812.',
      'Die Datei ist leer; erwartet wird eine Kopfzeile und eine Zeile je Straße.',
    ]);
  });

  it('refuses a file far larger than any street register without reading it', async () => {
    const result = await importStreets(platform.ctx, systemActor('test'), new Uint8Array(10 * 1024 * 1024 + 1));
    expect(result).toEqual({ ok: false, problems: [{ code: 'too-large', values: { max: 10 } }] });
  });

  it('lets only those who may replace the register do it', async () => {
    await expect(importStreets(platform.ctx, anonymous, Buffer.from(official))).rejects.toBeInstanceOf(AccessDenied);
    expect(await countStreets(streets())).toBe(4);
  });
});
