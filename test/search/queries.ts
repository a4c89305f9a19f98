import type { Language } from '#kernel/auth/actor.ts';

/**
 * What citizens type into the search, each with the entry they are after (its German title). German
 * everyday words, short forms, typos, English, and needs phrased as a situation. The set the search's
 * quality is measured with: `baseline.json` records the ten first hits of each as the search found them,
 * and `quality.test.ts` keeps the share found among the first three at least as high.
 */
export interface CitizenQuery {
  query: string;
  language: Language;
  wanted: string;
}

const de = (query: string, wanted: string): CitizenQuery => ({ query, language: 'de', wanted });
const en = (query: string, wanted: string): CitizenQuery => ({ query, language: 'en', wanted });

export const citizenQueries: readonly CitizenQuery[] = [
  // Everyday German
  de('Personalausweis', 'Personalausweis beantragen'),
  de('Reisepass', 'Reisepass beantragen'),
  de('Reisepass verloren', 'Verlust von Personalausweis oder Reisepass melden'),
  de('Ausweis verloren', 'Verlust von Personalausweis oder Reisepass melden'),
  de('Ummeldung', 'Wohnsitz anmelden'),
  de('umziehen', 'Wohnsitz anmelden'),
  de('Abmeldung ins Ausland', 'Wohnsitz abmelden'),
  de('Meldebescheinigung', 'Meldebescheinigung beantragen'),
  de('Abfallkalender', 'Abfallbehälter anmelden oder ändern'),
  de('gelbe Tonne', 'Abfallbehälter anmelden oder ändern'),
  de('Sperrmüll', 'Sperrmüll anmelden'),
  de('Hundesteuer', 'Hund anmelden (Hundesteuer)'),
  de('Hund abmelden', 'Hund abmelden'),
  de('Auto anmelden', 'Fahrzeug zulassen oder umschreiben'),
  de('Hochzeit', 'Eheschließung anmelden'),
  de('heiraten', 'Eheschließung anmelden'),
  de('Bauantrag', 'Baugenehmigung beantragen'),
  de('Wohngeld', 'Wohngeld beantragen (Mietzuschuss)'),
  de('Kitaplatz', 'Kita-Platz anmelden'),
  de('Führungszeugnis', 'Führungszeugnis beantragen'),
  de('Briefwahl', 'Briefwahl beantragen'),
  de('Gewerbe anmelden', 'Gewerbe anmelden'),
  de('Geburtsurkunde', 'Geburtsurkunde beantragen'),
  de('Sterbefall', 'Sterbefall anzeigen und beurkunden'),
  de('Grab verlängern', 'Nutzungsrecht an einer Grabstätte verlängern'),
  de('Elterngeld', 'Elterngeld beantragen'),
  de('Schwerbehindertenausweis', 'Schwerbehindertenausweis beantragen'),
  de('Führerschein umtauschen', 'Führerschein beantragen oder umtauschen'),
  de('Beglaubigung', 'Kopien und Unterschriften beglaubigen lassen'),
  de('Fundbüro', 'Fundsache abgeben oder verlorenen Gegenstand suchen'),
  de('Schlagloch melden', 'Mangel im Stadtgebiet melden'),
  de('Grundsteuer', 'Grundsteuer: Bescheid, Zahlung und Lastschrift'),
  de('Parkausweis', 'Bewohnerparkausweis beantragen'),
  de('Umsiedlung', 'Beratung zur Umsiedlung (Garzweiler II)'),
  de('Hilfe Online-Dienste', 'Hilfe bei Online-Diensten (Digitalsprechstunde)'),
  // Short forms and abbreviations
  de('Perso', 'Personalausweis beantragen'),
  de('Kfz', 'Fahrzeug außer Betrieb setzen'),
  de('WBS', 'Wohnberechtigungsschein (WBS) beantragen'),
  de('OGS', 'Offenen Ganztag (OGS) anmelden'),
  de('Kita', 'Elternbeitrag für Kita und Tagespflege: Einkommen erklären'),
  // Typos
  de('Persnalausweis', 'Personalausweis beantragen'),
  de('Reisepas', 'Reisepass beantragen'),
  de('Hundesteur', 'Hund anmelden (Hundesteuer)'),
  de('Sperrmül', 'Sperrmüll anmelden'),
  de('Fürungszeugnis', 'Führungszeugnis beantragen'),
  de('Wohngelt', 'Wohngeld beantragen (Mietzuschuss)'),
  // English
  en('ID card', 'Personalausweis beantragen'),
  en('register a dog', 'Hund anmelden (Hundesteuer)'),
  en('moving house', 'Wohnsitz anmelden'),
  en('passport', 'Reisepass beantragen'),
  en('lost passport', 'Verlust von Personalausweis oder Reisepass melden'),
  en('birth certificate', 'Geburtsurkunde beantragen'),
  en('marriage certificate', 'Eheurkunde beantragen'),
  en('wedding', 'Eheschließung anmelden'),
  en('death certificate', 'Sterbeurkunde beantragen'),
  en('driving licence', 'Führerschein beantragen oder umtauschen'),
  en('register my car', 'Fahrzeug zulassen oder umschreiben'),
  en('bulky waste', 'Sperrmüll anmelden'),
  en('yellow bins', 'Abfallbehälter anmelden oder ändern'),
  en('postal vote', 'Briefwahl beantragen'),
  en('building permit', 'Baugenehmigung beantragen'),
  en('housing benefit', 'Wohngeld beantragen (Mietzuschuss)'),
  en('daycare', 'Elternbeitrag für Kita und Tagespflege: Einkommen erklären'),
  en('certificate of good conduct', 'Führungszeugnis beantragen'),
  en('parking permit', 'Bewohnerparkausweis beantragen'),
  en('parental allowance', 'Elterngeld beantragen'),
];
