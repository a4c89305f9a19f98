import type { Db } from '#kernel/db/database.ts';
import { streetKey } from '../names.ts';
import { insertStreets, streetsByKey, streetsDb, type Street } from '../repo.ts';
import type { StreetSource } from '../tables.ts';

let counter = 0;

export interface StreetOverrides {
  name?: string;
  postcode?: string;
  district?: string | null;
  parkingZone?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  source?: StreetSource;
}

/** Inserts a street through the register's repo: a name of its own unless one is given, in 41812, official. */
export async function buildStreet(db: Db, overrides: StreetOverrides = {}): Promise<Street> {
  counter += 1;
  const name = overrides.name ?? `Teststraße ${Date.now().toString(36)} ${counter}`;
  const postcode = overrides.postcode ?? '41812';
  const streets = streetsDb(db);
  await insertStreets(streets, [
    {
      name,
      name_key: streetKey(name),
      postcode,
      district: overrides.district === undefined ? 'Erkelenz' : overrides.district,
      parking_zone: overrides.parkingZone ?? null,
      latitude: overrides.latitude ?? null,
      longitude: overrides.longitude ?? null,
      source: overrides.source ?? 'official',
    },
  ]);
  return (await streetsByKey(streets, streetKey(name), postcode))[0]!;
}
