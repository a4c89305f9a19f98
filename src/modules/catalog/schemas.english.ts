import Type, { type Static } from 'typebox';
import type { Language } from '#kernel/auth/actor.ts';

/*
 * English twins of the catalogue's texts, stored beside the German ones as `en`. Every twin is optional and
 * content saved before English was asked for has no `en` at all, so stored entries and catalogue files of
 * format version 1 stay valid: an English page shows the German text, marked as German, wherever the twin
 * is missing. Addresses, contact details, search terms and Leichte Sprache have no twin.
 */

const Line = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const Text = Type.Optional(Type.String({ maxLength: 5000 }));
const Lines = Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 30 }));
/** English labels of a German list (fees, links), position by position; empty where one has none. */
const Labels = (maxItems: number) => Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems }));
const Instructions = Type.Optional(Type.String({ maxLength: 1000 }));

export const ServiceEnglish = Type.Object({
  title: Line(160),
  summary: Line(400),
  description: Text,
  eligibility: Text,
  requirements: Lines,
  documents: Lines,
  feeLabels: Labels(10),
  feesNote: Text,
  deadlines: Text,
  processingTime: Text,
  legalBasis: Lines,
  notes: Text,
  appeal: Text,
  linkLabels: Labels(20),
  /** What to do on each route, by the route's kind. */
  channelInstructions: Type.Optional(
    Type.Object({ online: Instructions, appointment: Instructions, phone: Instructions, email: Instructions, paper: Instructions, inPerson: Instructions }),
  ),
});
export type ServiceEnglish = Static<typeof ServiceEnglish>;

export const OfficeEnglish = Type.Object({
  title: Line(160),
  summary: Line(400),
  description: Text,
  publicTransport: Text,
  hoursNote: Text,
  accessibilityNote: Text,
});
export type OfficeEnglish = Static<typeof OfficeEnglish>;

export const SituationEnglish = Type.Object({
  title: Line(160),
  summary: Line(400),
  description: Text,
  tips: Lines,
});
export type SituationEnglish = Static<typeof SituationEnglish>;

/** A text as a page shows it: `lang` is "de" where the German stands in for missing English on an English page. */
export interface Shown<T> {
  value: T;
  lang: 'de' | undefined;
}

const isEmpty = (value: string | readonly string[] | undefined) => value === undefined || value.length === 0;

/** The English twin on an English page when there is one, otherwise the German text. */
export function inLanguage<T extends string | readonly string[]>(language: Language, german: T, english: T | undefined): Shown<T> {
  if (language === 'de') return { value: german, lang: undefined };
  if (english !== undefined && !isEmpty(english)) return { value: english, lang: undefined };
  return { value: german, lang: isEmpty(german) ? undefined : 'de' };
}

function present(value: unknown): boolean {
  if (typeof value === 'string') return value !== '';
  if (Array.isArray(value)) return value.some(present);
  return value !== null && typeof value === 'object' && Object.values(value).some(present);
}

/** Whether an entry has any English at all; an entry without is marked German once, not text by text. */
export function hasEnglish(english: object | undefined): boolean {
  return present(english);
}
