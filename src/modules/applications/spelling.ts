/*
 * A reference read out over the phone: each letter by the spelling alphabet of the listener's language
 * (DIN 5009:2022 in German, the ICAO alphabet in English), each digit as a word.
 */

const german: Record<string, string> = {
  A: 'Aachen', B: 'Berlin', C: 'Chemnitz', D: 'Düsseldorf', E: 'Essen', F: 'Frankfurt', G: 'Goslar', H: 'Hamburg', I: 'Ingelheim',
  J: 'Jena', K: 'Köln', L: 'Leipzig', M: 'München', N: 'Nürnberg', O: 'Offenbach', P: 'Potsdam', Q: 'Quickborn', R: 'Rostock',
  S: 'Salzwedel', T: 'Tübingen', U: 'Unna', V: 'Völklingen', W: 'Wuppertal', X: 'Xanten', Y: 'Ypsilon', Z: 'Zwickau',
};
const english: Record<string, string> = {
  A: 'Alfa', B: 'Bravo', C: 'Charlie', D: 'Delta', E: 'Echo', F: 'Foxtrot', G: 'Golf', H: 'Hotel', I: 'India', J: 'Juliett',
  K: 'Kilo', L: 'Lima', M: 'Mike', N: 'November', O: 'Oscar', P: 'Papa', Q: 'Quebec', R: 'Romeo', S: 'Sierra', T: 'Tango',
  U: 'Uniform', V: 'Victor', W: 'Whiskey', X: 'X-ray', Y: 'Yankee', Z: 'Zulu',
};
const digits = {
  de: ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun'],
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
};

/** `A-7K3M` → "A wie Aachen – sieben – K wie Köln – drei – M wie München" (groups separated by " / "). */
export function spellReference(reference: string, language: 'de' | 'en'): string {
  const letters = language === 'de' ? german : english;
  const like = language === 'de' ? 'wie' : 'as in';
  return reference
    .split('-')
    .map((group) =>
      [...group]
        .map((character) => (/[0-9]/.test(character) ? digits[language][Number(character)]! : letters[character] ? `${character} ${like} ${letters[character]}` : character))
        .join(' – '),
    )
    .join(' / ');
}
