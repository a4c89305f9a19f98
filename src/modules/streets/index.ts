import type { Db } from '#kernel/db/database.ts';
import type { ContentVersions } from '#kernel/page-cache/versions.ts';
import { streetKey } from './names.ts';
import { distinctNames, streetsByKey, streetsDb, streetsMatching, type Street } from './repo.ts';

/*
 * The street register's public functions, for other modules (applications, later waste and initiatives).
 * They read reference data that holds nothing personal, so they take the database and no actor.
 */

export type { Street } from './repo.ts';
export { streetKey } from './names.ts';
export { StreetField } from './views/street-field.tsx';

/** Names longer than this are no street's; they are not looked up. */
const longestName = 200;

/**
 * The street a person means by what they typed: case, umlauts written as "ae", "Str."/"Straße" and spaces
 * or hyphens do not matter, and umlauts left out are forgiven when nothing matches exactly. Null when no
 * street matches, or when several do (the same name under two postcodes) and no postcode tells them apart.
 */
export async function findStreet(db: Db, name: string, postcode?: string): Promise<Street | null> {
  if (name.length > longestName) return null;
  const key = streetKey(name);
  if (key === '') return null;
  const found = await streetsByKey(streetsDb(db), key, postcode?.trim());
  return found.length === 1 ? found[0]! : null;
}

const collator = new Intl.Collator('de');

async function loadNames(db: Db): Promise<readonly string[]> {
  return (await distinctNames(streetsDb(db))).sort(collator.compare);
}

/**
 * Every street name once, in German alphabetical order, for a form's list of suggestions. With the
 * platform's content versions (`ctx.content`) the list is read once and again only after the streets
 * changed, in this process or any other on the same database (an import from the command line).
 */
export function streetNames(db: Db, content?: ContentVersions): Promise<readonly string[]> {
  return content ? content.remember(['streets'], 'streets:names', () => loadNames(db)) : loadNames(db);
}

/** At most `limit` (1–50) streets whose name starts with, or else contains, what was typed; none for nothing typed. */
export async function suggestStreets(db: Db, prefix: string, limit = 10): Promise<Street[]> {
  // "Kölner Stra" is on its way to "Straße", whose key ends in "str".
  const key = streetKey(prefix.slice(0, longestName)).replace(/str(?:a|as|ass)$/, 'str');
  if (key === '') return [];
  return streetsMatching(streetsDb(db), key, Math.min(Math.max(Math.trunc(limit) || 1, 1), 50));
}
