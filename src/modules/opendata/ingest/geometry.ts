/*
 * GeoJSON geometries checked and brought to WGS 84. NRW publishes in ETRS89 / UTM zone 32N (EPSG:25832);
 * that is reprojected with proj4, anything else is refused rather than guessed.
 */
import proj4 from 'proj4';
import type { Crs } from './types.ts';

proj4.defs('EPSG:25832', '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs');
const toWgs84 = proj4('EPSG:25832', 'WGS84');

/** The CRS a GeoJSON `crs` member names (old-style named CRS), or undefined when it is not one we read. */
export function crsOf(member: unknown): Crs | undefined {
  const name = (member as { properties?: { name?: unknown } } | null)?.properties?.name;
  if (typeof name !== 'string') return undefined;
  const code = /(?:EPSG(?::[\d.]*)?:|\/EPSG\/\d+\/)(\d+)$/i.exec(name.trim())?.[1];
  if (code === '25832') return 'EPSG:25832';
  // EPSG:4326 names latitude first, but GeoJSON files that name it are written longitude first in practice.
  if (code === '4326' || /CRS:?84$/i.test(name.trim())) return 'EPSG:4326';
  return undefined;
}

export function crsName(member: unknown): string {
  const name = (member as { properties?: { name?: unknown } } | null)?.properties?.name;
  return typeof name === 'string' ? name.slice(0, 100) : JSON.stringify(member).slice(0, 100);
}

type Position = number[];
export type GeometryResult = { ok: true; geometry: unknown } | { ok: false; problem: 'geometry-error' } | { ok: false; problem: 'coordinates-out-of-range'; position: Position };

/** How deep each type nests its positions (a Point is one position, a MultiPolygon rings of positions in polygons). */
const depths: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

class OutOfRange extends Error {
  constructor(readonly position: Position) {
    super('coordinates out of range');
  }
}

const round = (value: number) => Math.round(value * 1e7) / 1e7;

function project(position: unknown, crs: Crs): Position | undefined {
  if (!Array.isArray(position) || position.length < 2 || position.length > 4 || !position.every((value) => typeof value === 'number' && Number.isFinite(value))) return undefined;
  const [x, y, ...rest] = position as number[];
  if (crs === 'EPSG:4326') {
    if (Math.abs(x!) > 180 || Math.abs(y!) > 90) throw new OutOfRange(position as number[]);
    return position as number[];
  }
  // Eastings and northings of zone 32N over Europe (the zone is used well beyond its 6° in Germany).
  if (x! < 100_000 || x! > 1_300_000 || y! < 3_000_000 || y! > 8_500_000) throw new OutOfRange(position as number[]);
  const [longitude, latitude] = toWgs84.forward([x!, y!]);
  return [round(longitude), round(latitude), ...rest];
}

function positions(value: unknown, depth: number, crs: Crs): unknown {
  if (depth === 0) return project(value, crs);
  if (!Array.isArray(value)) return undefined;
  const mapped: unknown[] = [];
  for (const item of value) {
    const next = positions(item, depth - 1, crs);
    if (next === undefined) return undefined;
    mapped.push(next);
  }
  return mapped;
}

function geometryIn(geometry: unknown, crs: Crs, nested: boolean): unknown {
  if (typeof geometry !== 'object' || geometry === null) return undefined;
  const { type, coordinates, geometries } = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (type === 'GeometryCollection' && !nested && Array.isArray(geometries)) {
    const members = geometries.map((member) => geometryIn(member, crs, true));
    return members.includes(undefined) ? undefined : { type, geometries: members };
  }
  const depth = typeof type === 'string' ? depths[type] : undefined;
  if (depth === undefined) return undefined;
  const mapped = positions(coordinates, depth, crs);
  return mapped === undefined ? undefined : { type, coordinates: mapped };
}

/** The geometry in WGS 84 (null stays null: GeoJSON allows a feature without a location). */
export function wgs84Geometry(geometry: unknown, crs: Crs): GeometryResult {
  if (geometry === null) return { ok: true, geometry: null };
  try {
    const mapped = geometryIn(geometry, crs, false);
    return mapped === undefined ? { ok: false, problem: 'geometry-error' } : { ok: true, geometry: mapped };
  } catch (error) {
    if (error instanceof OutOfRange) return { ok: false, problem: 'coordinates-out-of-range', position: error.position };
    throw error;
  }
}
