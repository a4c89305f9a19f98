import type { TFunction } from 'i18next';
import type { DefinitionProblem } from '../definition/check.ts';
import type { ConditionLabels } from '../pdf/condition-words.ts';
import type { PrintableLabels } from '../pdf/printable.ts';

/*
 * The designers' pages in words: where in an uploaded definition a problem is, a condition as the designer
 * reads it ("Erscheint nur, wenn …"), and the labels of the printable form, all from the module's texts.
 */

const quoteOf = (t: TFunction) => (text: string) => t('applications:design.quote', { text });

/** The words of a condition for the designer: when a page or question is shown to the person applying. */
export function shownIfLabels(t: TFunction): ConditionLabels {
  const clause = (key: string) => (field: string, other = '') => t(`applications:design.conditions.${key}`, { field, choices: other, amount: other, value: other });
  return {
    onlyIf: (condition) => t('applications:design.conditions.shownIf', { condition }),
    quote: quoteOf(t),
    chosen: clause('chosen'),
    notChosen: clause('notChosen'),
    filled: (field) => clause('filled')(field),
    notFilled: (field) => clause('notFilled')(field),
    atLeast: clause('atLeast'),
    fewer: clause('fewer'),
    is: clause('is'),
    isNot: clause('isNot'),
    and: t('applications:design.conditions.and'),
    or: t('applications:design.conditions.or'),
  };
}

/** The printable form's own words in the reader's language; a condition there reads as an instruction for paper. */
export function printableLabels(t: TFunction): PrintableLabels {
  const key = (name: string) => `applications:design.printable.${name}`;
  const paper = (name: string) => (field: string, other = '') => t(key(`conditions.${name}`), { field, choices: other, amount: other, value: other });
  return {
    page: (page, pages) => t(key('page'), { page, pages }),
    sendTo: t(key('sendTo')),
    optionalHint: t(key('optionalHint')),
    declaration: t(key('declaration')),
    place: t(key('place')),
    date: t(key('date')),
    signature: t(key('signature')),
    required: t(key('required')),
    yes: t('applications:definition.answers.yes'),
    no: t('applications:definition.answers.no'),
    chooseOne: t(key('chooseOne')),
    chooseAny: t(key('chooseAny')),
    dateFormat: t(key('dateFormat')),
    enclose: (what) => t(key('enclose'), { what }),
    address: { street: t(key('street')), houseNumber: t(key('houseNumber')), postcode: t(key('postcode')), town: t(key('town')) },
    moreRows: (printed, max) => t(key('moreRows'), { printed, max }),
    condition: {
      onlyIf: (condition) => t(key('conditions.onlyIf'), { condition }),
      quote: quoteOf(t),
      chosen: paper('chosen'),
      notChosen: paper('notChosen'),
      filled: (field) => paper('filled')(field),
      notFilled: (field) => paper('notFilled')(field),
      atLeast: paper('atLeast'),
      fewer: paper('fewer'),
      is: paper('is'),
      isNot: paper('isNot'),
      and: t('applications:design.conditions.and'),
      or: t('applications:design.conditions.or'),
    },
  };
}

const decodePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What names an item of a list, where it has a name of its own (a page's or field's id, an option's value). */
function nameOf(item: unknown, property: 'id' | 'value'): string | null {
  return isObject(item) && typeof item[property] === 'string' ? item[property] : null;
}

/** Lists whose items the place names by their kind and number, and the property that names an item. */
const itemKinds: Record<string, { kind: string; name?: 'id' | 'value' }> = {
  pages: { kind: 'page', name: 'id' },
  fields: { kind: 'field', name: 'id' },
  options: { kind: 'option', name: 'value' },
  needs: { kind: 'need' },
  all: { kind: 'comparison' },
  any: { kind: 'comparison' },
  in: { kind: 'value' },
  accept: { kind: 'mediaType' },
};

/**
 * Where a problem is, in words, from its JSON pointer and the uploaded JSON: "Seite 2 („dog“), Feld 3
 * („breed“), Angabe „options“". A field inside a group is named as the group's; anything the definition
 * does not know is named by its property.
 */
export function problemPlace(t: TFunction, json: unknown, path: string): string {
  const segments = path === '' ? [] : path.split('/').slice(1).map(decodePointer);
  if (segments.length === 0) return t('applications:design.place.form');
  const parts: string[] = [];
  let node: unknown = json;
  let inField = false;
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index]!;
    const list = itemKinds[segment];
    const next = segments[index + 1];
    const child = isObject(node) ? node[segment] : undefined;
    if (list && next !== undefined && /^\d+$/.test(next) && Array.isArray(child)) {
      const item: unknown = (child as unknown[])[Number(next)];
      const name = list.name ? nameOf(item, list.name) : null;
      const kind = list.kind === 'field' && inField ? 'groupField' : list.kind;
      const number = Number(next) + 1;
      parts.push(name ? t(`applications:design.place.${kind}Named`, { number, name }) : t(`applications:design.place.${kind}`, { number }));
      if (list.kind === 'field') inField = true;
      node = item;
      index += 1;
    } else {
      parts.push(segment === 'when' || segment === 'not' ? t(`applications:design.place.${segment}`) : t('applications:design.place.property', { name: segment }));
      node = child;
    }
  }
  return parts.join(', ');
}

/** A problem's message in the reader's language. */
export function problemMessage(t: TFunction, problem: DefinitionProblem): string {
  return t(`applications:definition.problems.${problem.code}`, problem.values ?? {});
}
