import type { ModulePart } from '#kernel/module-parts.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

/** Courses: the catalogue, registration with its waiting line, notices, attendance and certificates. */
export const coursesPart: ModulePart = {
  locales: { de, en },
};
