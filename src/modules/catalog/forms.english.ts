import { lines, text, type FormValues } from './forms.service.ts';

/*
 * The English twin of a form field is the field's name with "En" appended ("description" → "descriptionEn").
 * Twins left empty are not stored, and an entry without any English stores no `en` at all, so saving an
 * entry unchanged leaves its content exactly as it was.
 */

export const english = (name: string) => `${name}En`;

/** The twins of plain text fields and of one-per-line list fields that were filled in. */
export function englishTexts(values: FormValues, texts: readonly string[], lists: readonly string[] = []): Record<string, string | string[]> {
  const found: Record<string, string | string[]> = {};
  for (const name of texts) {
    const value = text(values, english(name));
    if (value) found[name] = value;
  }
  for (const name of lists) {
    const value = lines(values, english(name));
    if (value.length > 0) found[name] = value;
  }
  return found;
}

/** `content` with its English twins, or without an `en` when no twin was filled in. */
export function withEnglish<T extends object, E extends object>(content: T, en: E): T & { en?: E } {
  return Object.keys(en).length > 0 ? { ...content, en } : content;
}

/** Form values of stored twins, for the fields named. */
export function englishFormValues(en: object | undefined, names: readonly string[]): FormValues {
  const stored = (en ?? {}) as Record<string, unknown>;
  const values: FormValues = {};
  for (const name of names) {
    const value = stored[name];
    if (typeof value === 'string') values[english(name)] = value;
    else if (Array.isArray(value)) values[english(name)] = value.join('\n');
  }
  return values;
}
