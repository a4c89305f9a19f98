import type { LeafDef } from '#kernel/forms/index.ts';

/** The kinds a twin can have: the texts and lists a person translates. */
type TwinnableDef = LeafDef & { kind: 'text' | 'textarea' | 'lines' };

/*
 * The English twin of a form field is the field's name with "En" appended ("description" → "descriptionEn"),
 * labelled after the German field it translates. Twins left empty are not stored, and an entry without any
 * English stores no `en` at all, so saving an entry unchanged leaves its content exactly as it was.
 */

export const english = <N extends string>(name: N) => `${name}En` as const;

/** The twin of a German field: never required, without the German hint, named after the German label. */
export function twinOf<F extends TwinnableDef>(field: F): F {
  return { ...field, required: false, hint: undefined, label: 'catalog:fields.inEnglish', labelValues: { field: { key: field.label ?? '' } } };
}

/** A German field and its English twin, for spreading into a form definition. */
export function withTwin<const N extends string, const F extends TwinnableDef>(name: N, field: F): { [K in N]: F } & { [K in `${N}En`]: F } {
  return { [name]: field, [english(name)]: twinOf(field) } as { [K in N]: F } & { [K in `${N}En`]: F };
}

type Values = Readonly<Record<string, unknown>>;

/** The twins of text and list fields that were filled in. */
export function englishTexts(value: Values, names: readonly string[]): Record<string, string | string[]> {
  const found: Record<string, string | string[]> = {};
  for (const name of names) {
    const twin = value[english(name)];
    if ((typeof twin === 'string' && twin !== '') || (Array.isArray(twin) && twin.length > 0)) found[name] = twin as string | string[];
  }
  return found;
}

/** `content` with its English twins, or without an `en` when no twin was filled in. */
export function withEnglish<T extends object, E extends object>(content: T, en: E): T & { en?: E } {
  return Object.keys(en).length > 0 ? { ...content, en } : content;
}

/** The stored twins as form values (`titleEn`, `tipsEn` …), for the fields named. */
export function englishValues(en: object | undefined, names: readonly string[]): Record<string, string | string[]> {
  const stored = (en ?? {}) as Record<string, unknown>;
  const values: Record<string, string | string[]> = {};
  for (const name of names) {
    const twin = stored[name];
    if (typeof twin === 'string' || Array.isArray(twin)) values[english(name)] = twin as string | string[];
  }
  return values;
}
