import type { TFunction } from 'i18next';
import type { Actor, Language } from '../auth/actor.ts';
import type { FooterLink, NavEntry } from '../module.ts';

/** What every page needs to know about the request it answers; built once per request by the kernel. */
export interface PageContext {
  t: TFunction;
  lang: Language;
  actor: Actor;
  /** Path without query, to mark the current navigation entry and build the language switch. */
  path: string;
  /** Query string as received (without `?`), so switching language keeps the citizen where they are. */
  query: string;
  csrfToken: () => string;
  nav: readonly NavEntry[];
  footer: readonly FooterLink[];
  cityName: string;
}

export interface Crumb {
  label: string;
  href?: string;
}

/** Field name → message, already translated. */
export type FieldErrors = Record<string, string>;
