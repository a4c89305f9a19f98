/*
 * How street names are matched: people write "Kölner Str.", "Koelner Strasse" and "kölnerstraße" for one
 * street. The key spells out umlauts and "ß" the German way (ä → ae, ß → ss), drops other accents, makes
 * "Straße", "Strasse", "Str." and "Str" one ending, and keeps only letters and digits, so spaces and hyphens
 * ("Theodor-Körner-Straße", "Theodor Körner Str.") do not matter either.
 */

const spelledOut: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** The key a street name is stored and matched under: `Kölner Str.` → `koelnerstr`. */
export function streetKey(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[äöüß]/g, (letter) => spelledOut[letter]!)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/(?:strasse|str\.?)(?=$|[^a-z])/g, 'str')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A key with the spelt-out umlauts as plain vowels (`koelnerstr` → `kolnerstr`), for a second try when a
 * name was typed without its umlauts ("Lovenicher Weg"). Applied to both sides, like the key.
 */
export function looseKey(key: string): string {
  return key.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
}

/** A name as it is stored and shown: composed Unicode, single spaces, trimmed. */
export function cleanStreetName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}
