import type { KernelContext } from '#kernel/context.ts';
import { streetKey } from '../names.ts';
import { countStreets, insertStreets, streetsDb, type NewStreet } from '../repo.ts';
import { demoPostcode, demoStreets } from './demo-streets.ts';

/** The demo streets as rows, marked as demo data. */
export function demoStreetRows(): NewStreet[] {
  return demoStreets.map((street) => ({
    name: street.name,
    name_key: streetKey(street.name),
    postcode: demoPostcode,
    district: street.district,
    parking_zone: street.parkingZone,
    latitude: null,
    longitude: null,
    source: 'demo',
  }));
}

/**
 * Seeds the demo streets into an empty register. A register that holds anything (an official import made
 * before the first demo seed) is left as it is: demo rows must never mix with the city's own.
 */
export async function seedStreets(ctx: KernelContext): Promise<void> {
  const db = streetsDb(ctx.db);
  if ((await countStreets(db)) > 0) return;
  await insertStreets(db, demoStreetRows());
}
