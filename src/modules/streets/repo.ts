import { sql, type Insertable } from 'kysely';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { looseKey } from './names.ts';
import type { StreetRow, StreetSource, StreetsTables } from './tables.ts';

export type StreetsDb = Executor<KernelTables & StreetsTables>;

export function streetsDb(db: Executor<KernelTables>): StreetsDb {
  return db.withTables<StreetsTables>();
}

/** A street as other modules see it: coordinates as numbers, the zone and district where known. */
export interface Street {
  id: string;
  name: string;
  postcode: string;
  district: string | null;
  parkingZone: string | null;
  latitude: number | null;
  longitude: number | null;
  source: StreetSource;
}

export type NewStreet = Omit<Insertable<StreetsTables['streets']>, 'id' | 'updated_at'>;

const coordinate = (value: string | null) => (value === null ? null : Number(value));

function toStreet(row: StreetRow): Street {
  return {
    id: row.id,
    name: row.name,
    postcode: row.postcode,
    district: row.district,
    parkingZone: row.parking_zone,
    latitude: coordinate(row.latitude),
    longitude: coordinate(row.longitude),
    source: row.source,
  };
}

const looseSql = sql<string>`replace(replace(replace(name_key, 'ae', 'a'), 'oe', 'o'), 'ue', 'u')`;

/**
 * Streets whose key is the given one, or failing that whose loose key is (a name typed without umlauts);
 * exact matches first, within a postcode when one is given.
 */
export async function streetsByKey(db: StreetsDb, key: string, postcode?: string): Promise<Street[]> {
  const rows = await db
    .selectFrom('streets')
    .selectAll()
    .where((eb) => eb.or([eb('name_key', '=', key), eb(looseSql, '=', looseKey(key))]))
    .$if(postcode !== undefined, (query) => query.where('postcode', '=', postcode!))
    .orderBy(sql`name_key = ${key}`, 'desc')
    .orderBy('postcode')
    .execute();
  const exact = rows.filter((row) => row.name_key === key);
  return (exact.length > 0 ? exact : rows).map(toStreet);
}

/** Streets whose key starts with the given one, then those that contain it ("koerner" finds "Theodor-Körner-Straße"). */
export async function streetsMatching(db: StreetsDb, key: string, limit: number): Promise<Street[]> {
  const rows = await db
    .selectFrom('streets')
    .selectAll()
    .where(sql<boolean>`strpos(name_key, ${key}) > 0`)
    .orderBy(sql`strpos(name_key, ${key}) = 1`, 'desc')
    .orderBy('name')
    .orderBy('postcode')
    .limit(limit)
    .execute();
  return rows.map(toStreet);
}

/** Every street, by name and postcode. */
export async function allStreets(db: StreetsDb): Promise<Street[]> {
  const rows = await db.selectFrom('streets').selectAll().orderBy('name').orderBy('postcode').execute();
  return rows.map(toStreet);
}

/** The distinct names of all streets (a name may exist under two postcodes). */
export async function distinctNames(db: StreetsDb): Promise<string[]> {
  const rows = await db.selectFrom('streets').select('name').distinct().execute();
  return rows.map((row) => row.name);
}

export async function countStreets(db: StreetsDb, source?: StreetSource): Promise<number> {
  const row = await db
    .selectFrom('streets')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .$if(source !== undefined, (query) => query.where('source', '=', source!))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertStreets(db: StreetsDb, streets: readonly NewStreet[]): Promise<void> {
  // A few hundred rows per statement keep far below PostgreSQL's limit of 65,535 parameters.
  for (let start = 0; start < streets.length; start += 500) {
    await db.insertInto('streets').values(streets.slice(start, start + 500)).execute();
  }
}

/**
 * Makes the table hold exactly the given streets: rows with the same key and postcode are updated in
 * place (their ids stay, for anything that refers to them), the others deleted, new ones inserted.
 * Returns how many of each; run it in a transaction.
 */
export async function replaceStreets(db: StreetsDb, streets: readonly NewStreet[]): Promise<{ created: number; updated: number; removed: number }> {
  const keys = streets.map((street) => street.name_key);
  const postcodes = streets.map((street) => street.postcode);
  const removed = await db
    .deleteFrom('streets')
    .where(sql<boolean>`(name_key, postcode) not in (select * from unnest(${keys}::text[], ${postcodes}::text[]))`)
    .executeTakeFirst();
  const before = await countStreets(db);
  for (let start = 0; start < streets.length; start += 500) {
    await db
      .insertInto('streets')
      .values(streets.slice(start, start + 500))
      .onConflict((conflict) =>
        conflict.columns(['name_key', 'postcode']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          district: eb.ref('excluded.district'),
          parking_zone: eb.ref('excluded.parking_zone'),
          latitude: eb.ref('excluded.latitude'),
          longitude: eb.ref('excluded.longitude'),
          source: eb.ref('excluded.source'),
          updated_at: sql`now()`,
        })),
      )
      .execute();
  }
  const created = (await countStreets(db)) - before;
  return { created, updated: streets.length - created, removed: Number(removed.numDeletedRows) };
}
