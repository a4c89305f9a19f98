/*
 * The fixed lists the hub files entries under. Each value is the slug the pages' addresses use and the
 * database stores (its migration checks the lists); labels live in the module's texts under the same slug.
 */

/** The six domains of principle 4. */
export const domains = ['bildung', 'mobilitaet', 'gesundheit', 'gesellschaft', 'umwelt', 'klimaschutz'] as const;
export type Domain = (typeof domains)[number];

/** Structured accessibility features, filterable in the directory and the calendar. */
export const accessibilityFeatures = ['stufenlos', 'rollstuhl-wc', 'hoeranlage', 'leichte-sprache', 'gebaerdensprache'] as const;
export type AccessibilityFeature = (typeof accessibilityFeatures)[number];

export const targetGroups = ['kinder', 'jugendliche', 'familien', 'erwachsene', 'senioren', 'zugewanderte', 'menschen-mit-behinderung', 'alle'] as const;
export type TargetGroup = (typeof targetGroups)[number];

export const providerKinds = ['verein', 'gruppe', 'schule', 'bibliothek', 'unternehmen', 'stadt', 'kreis', 'land'] as const;
export type ProviderKind = (typeof providerKinds)[number];

export const resourceKinds = ['raum', 'foerderung', 'ausleihe', 'ansprechperson', 'datensatz'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

/** Languages an initiative can be approached in (ISO 639-1), the ones Erkelenz hears most. */
export const languages = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl', 'nl', 'fr', 'es', 'fa'] as const;

/**
 * The nine Stadtbezirke of Erkelenz by their number in the Hauptsatzung, keyed as the street register keys
 * them, so an address from the register names its district here too.
 */
export const districts = {
  erkelenz: { number: '01', name: 'Erkelenz' },
  gerderath: { number: '02', name: 'Gerderath' },
  schwanenberg: { number: '03', name: 'Schwanenberg' },
  golkrath: { number: '04', name: 'Golkrath' },
  granterath: { number: '05', name: 'Granterath und Hetzerath' },
  loevenich: { number: '06', name: 'Lövenich' },
  kueckhoven: { number: '07', name: 'Kückhoven' },
  keyenberg: { number: '08', name: 'Keyenberg, Venrath und Borschemich' },
  holzweiler: { number: '09', name: 'Holzweiler und Immerath (neu)' },
} as const;
export type District = keyof typeof districts;
export const districtKeys = Object.keys(districts) as District[];

export const isDomain = (value: string): value is Domain => (domains as readonly string[]).includes(value);
export const isDistrict = (value: string): value is District => Object.hasOwn(districts, value);
export const isAccessibilityFeature = (value: string): value is AccessibilityFeature => (accessibilityFeatures as readonly string[]).includes(value);
