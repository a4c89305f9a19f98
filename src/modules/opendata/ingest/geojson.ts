/*
 * A GeoJSON FeatureCollection, streamed with stream-json: each feature is assembled on its own, so a file
 * of many features never sits in memory whole. Properties become fields, the geometry one field in WGS 84.
 */
import { Transform, type Readable } from 'node:stream';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import { StopReading } from './report.ts';
import type { OpenFile } from './types.ts';

/** One feature assembled may not span more than this many bytes of the file. */
export const maxFeatureBytes = 16 * 1024 * 1024;

export type GeojsonItem =
  | { kind: 'type'; value: unknown }
  | { kind: 'crs'; value: unknown }
  | { kind: 'feature'; index: number; properties: Record<string, unknown>; geometry: unknown };

function isCrs(value: object): boolean {
  const { type, properties } = value as { type?: unknown; properties?: unknown };
  return (type === 'name' || type === 'link') && typeof properties === 'object' && !('geometry' in value);
}

/** The top-level `type` and `crs` and each feature, in the order the file holds them. */
export async function* geojsonItems(open: OpenFile): AsyncGenerator<GeojsonItem> {
  const source = (await open()) as Readable;
  let bytes = 0;
  let bytesAtLastItem = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes - bytesAtLastItem > maxFeatureBytes) return done(new StopReading({ type: 'record-too-large', values: { bytes: maxFeatureBytes } }));
      done(null, chunk);
    },
  });
  // Only the top level's type and crs and the features' elements are assembled; the rest streams past.
  const pipeline = chain([source, counter, parser(), pick({ filter: /^(?:type|crs|features\.\d+)$/ }), streamValues()]);
  let index = 0;
  try {
    for await (const { value } of pipeline as AsyncIterable<{ value: unknown }>) {
      bytesAtLastItem = bytes;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { kind: 'type', value };
        continue;
      }
      if (isCrs(value)) {
        yield { kind: 'crs', value };
        continue;
      }
      const feature = value as { type?: unknown; properties?: unknown; geometry?: unknown };
      index++;
      if (feature.type !== 'Feature') throw new StopReading({ type: 'not-geojson', row: index, values: { reason: 'feature' } });
      const properties = typeof feature.properties === 'object' && feature.properties !== null && !Array.isArray(feature.properties) ? (feature.properties as Record<string, unknown>) : {};
      yield { kind: 'feature', index, properties, geometry: feature.geometry ?? null };
    }
  } catch (error) {
    if (error instanceof StopReading) throw error;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof StopReading) throw cause;
    throw new StopReading({ type: 'not-geojson', values: { reason: 'json' } });
  } finally {
    source.destroy();
    (pipeline as Readable).destroy();
  }
}
