/*
 * Column names for the DataStore and the API: lower case ASCII, digits and underscores, unique within the
 * table; the header as written stays the field's title.
 */

const transliterations: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'ae', Ö: 'oe', Ü: 'ue', ẞ: 'ss' };

/** 'Einwohner 2023' → 'einwohner_2023', 'Größe (m²)' → 'groesse_m2'; '' when nothing of it remains. */
export function fieldName(header: string): string {
  const ascii = header
    .replace(/[äöüÄÖÜßẞ]/g, (character) => transliterations[character]!)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  // PostgreSQL folds identifiers to 63 bytes; a leading digit or underscore would collide with the DataStore's own columns.
  const name = ascii.slice(0, 60).replace(/_+$/, '');
  return /^[0-9]/.test(name) ? `f_${name}` : name;
}

/** Names for a whole header: blank headers become `field_<n>`, repeats get `_2`, `_3` …. */
export function fieldNames(headers: readonly string[]): string[] {
  const taken = new Set<string>();
  return headers.map((header, index) => {
    const base = fieldName(header) || `field_${index + 1}`;
    let name = base;
    for (let suffix = 2; taken.has(name); suffix++) name = `${base}_${suffix}`;
    taken.add(name);
    return name;
  });
}
