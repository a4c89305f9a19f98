import { Readable } from 'node:stream';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import type { PublishedTableSchema } from '../tables.ts';
import { inspect, typedRows } from './index.ts';
import { bytesFile, collect } from './test-files.ts';

const utm32 = '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
// Erkelenz town hall (Johannismarkt), WGS 84.
const townHall = [6.3156, 51.0797] as const;

const collection = (features: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'FeatureCollection', ...extra, features });
const named = (name: string) => ({ crs: { type: 'name', properties: { name } } });
const point = (coordinates: number[], properties: Record<string, unknown> = {}) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates } });

describe('inspect and typedRows on GeoJSON', () => {
  it('reprojects EPSG:25832 to WGS 84: the town hall comes back where it is', async () => {
    const [easting, northing] = proj4(utm32, 'WGS84').inverse([...townHall]);
    // The projection's figures, independent of the code under test: about E 312 000, N 5 662 000.
    expect(easting).toBeCloseTo(311_974, -2);
    expect(northing).toBeCloseTo(5_662_116, -2);
    const open = bytesFile(
      collection([point([easting, northing], { name: 'Rathaus', baujahr: 1546, offen: true }), point([easting + 1000, northing], { name: 'Burg', baujahr: null })], named('urn:ogc:def:crs:EPSG::25832')),
    );
    const { schema, report, parsing } = await inspect(open, 'GEOJSON');
    expect(report).toMatchObject({ valid: true, rowCount: 2, header: ['name', 'baujahr', 'offen', 'geometry'], notes: ['opendata:ingest.notes.reprojected'] });
    expect(parsing).toMatchObject({ format: 'GEOJSON', crs: 'EPSG:25832', columns: ['name', 'baujahr', 'offen', null] });
    expect(schema.fields.map((field) => [field.name, field.type])).toEqual([
      ['name', 'string'],
      ['baujahr', 'integer'],
      ['offen', 'boolean'],
      ['geometry', 'geojson'],
    ]);
    const rows = await collect(typedRows(open, 'GEOJSON', schema, parsing));
    expect(rows.map((row) => row.slice(0, 3))).toEqual([
      ['Rathaus', 1546, true],
      ['Burg', null, null],
    ]);
    const geometry = JSON.parse(rows[0]![3] as string) as { type: string; coordinates: number[] };
    expect(geometry.type).toBe('Point');
    expect(geometry.coordinates[0]).toBeCloseTo(6.31, 1);
    expect(Math.abs(geometry.coordinates[0]! - townHall[0])).toBeLessThan(0.01);
    expect(Math.abs(geometry.coordinates[1]! - townHall[1])).toBeLessThan(0.01);
  });

  it('reads a crs that comes after the features, and plain WGS 84 without one', async () => {
    const lateText = `{"type":"FeatureCollection","features":[${JSON.stringify(point([310_000, 5_663_000]))}],"crs":{"type":"name","properties":{"name":"EPSG:25832"}}}`;
    const late = bytesFile(lateText);
    const found = await inspect(late, 'GEOJSON');
    expect(found.parsing.crs).toBe('EPSG:25832');
    const [row] = await collect(typedRows(late, 'GEOJSON', found.schema, found.parsing));
    expect((JSON.parse(row![0] as string) as { coordinates: number[] }).coordinates[1]).toBeCloseTo(51.087, 2);

    const plain = bytesFile(collection([{ type: 'Feature', properties: { geometry: 'x' }, geometry: { type: 'LineString', coordinates: [[6.3, 51.0], [6.4, 51.1]] } }]));
    const wgs = await inspect(plain, 'GEOJSON');
    expect(wgs.parsing.crs).toBe('EPSG:4326');
    expect(wgs.schema.fields.map((field) => field.name)).toEqual(['geometry_2', 'geometry']);
    expect(await collect(typedRows(plain, 'GEOJSON', wgs.schema, wgs.parsing))).toEqual([['x', '{"type":"LineString","coordinates":[[6.3,51],[6.4,51.1]]}']]);
  });

  it('refuses an unknown CRS', async () => {
    const { report } = await inspect(bytesFile(collection([point([1, 2])], named('urn:ogc:def:crs:EPSG::31466'))), 'GEOJSON');
    expect(report).toMatchObject({ valid: false, truncated: true });
    expect(report.errors).toEqual([{ type: 'crs-unsupported', values: { crs: 'urn:ogc:def:crs:EPSG::31466' }, message: 'opendata:ingest.problems.crs-unsupported' }]);
  });

  it('refuses coordinates outside their system and geometries that are not GeoJSON', async () => {
    const features = [point([310_000, 5_663_000]), point([6.3, 51.1]), { type: 'Feature', properties: {}, geometry: { type: 'Circle', coordinates: [1, 2] } }, { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [1, 2] } }];
    const { report } = await inspect(bytesFile(collection(features)), 'GEOJSON');
    expect(report.errors.map(({ type, row, field, values }) => ({ type, row, field, values }))).toEqual([
      { type: 'coordinates-out-of-range', row: 1, field: 'geometry', values: { position: '310000, 5663000', crs: 'EPSG:4326' } },
      { type: 'geometry-error', row: 3, field: 'geometry', values: undefined },
      { type: 'geometry-error', row: 4, field: 'geometry', values: undefined },
    ]);
    const degrees = await inspect(bytesFile(collection([point([6.3, 51.1])], named('EPSG:25832'))), 'GEOJSON');
    expect(degrees.report.errors[0]).toMatchObject({ type: 'coordinates-out-of-range', row: 1 });
  });

  it('reports a file that is no FeatureCollection or no JSON at all', async () => {
    expect((await inspect(bytesFile('{"type":"Feature","properties":{},"geometry":null}'), 'GEOJSON')).report.errors).toMatchObject([{ type: 'not-geojson' }]);
    expect((await inspect(bytesFile('[1,2,3]'), 'GEOJSON')).report.errors).toMatchObject([{ type: 'not-geojson' }]);
    expect((await inspect(bytesFile('{"type":"FeatureCollection","features":[{"type":'), 'GEOJSON')).report.errors).toMatchObject([{ type: 'not-geojson', values: { reason: 'json' } }]);
  });

  it('stops at a feature too large to assemble, without holding it', async () => {
    const open = () =>
      Promise.resolve(
        Readable.from(
          (function* () {
            yield Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"text":"');
            const block = Buffer.from('x'.repeat(1024 * 1024));
            for (let index = 0; index < 40; index++) yield block;
            yield Buffer.from('"}}]}');
          })(),
        ),
      );
    const { report } = await inspect(open, 'GEOJSON');
    expect(report).toMatchObject({ valid: false, truncated: true, errors: [{ type: 'record-too-large', values: { bytes: 16 * 1024 * 1024 } }] });
  });

  it('checks properties against a declared schema', async () => {
    const schema: PublishedTableSchema = {
      fields: [
        { name: 'ladepunkte', type: 'integer', title: 'Ladepunkte', constraints: { minimum: 1 } },
        { name: 'ort', type: 'geojson' },
      ],
    };
    const open = bytesFile(collection([point([6.3, 51.1], { Ladepunkte: 2 }), point([6.3, 51.1], { Ladepunkte: 'zwei' }), point([6.3, 51.1], { Ladepunkte: 0, betreiber: 'x' })]));
    const { report, parsing } = await inspect(open, 'GEOJSON', { schema });
    expect(parsing.columns).toEqual(['Ladepunkte', null]);
    expect(report.errors.map(({ type, row, field }) => ({ type, row, field }))).toEqual([
      { type: 'type-error', row: 2, field: 'ladepunkte' },
      { type: 'constraint-error', row: 3, field: 'ladepunkte' },
      { type: 'extra-label', row: 3, field: undefined },
    ]);
    expect(await collect(typedRows(open, 'GEOJSON', schema, parsing))).toEqual([[2, '{"type":"Point","coordinates":[6.3,51.1]}']]);
  });
});
