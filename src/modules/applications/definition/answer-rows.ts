import { formatDay } from '#kernel/dates.ts';
import { formatBytes } from '#kernel/files/refusals.ts';
import { formatIban } from '#kernel/forms/iban.ts';
import { formatPhone } from '#kernel/forms/phone.ts';
import de from '../locales/de.json' with { type: 'json' };
import en from '../locales/en.json' with { type: 'json' };
import { isAddressAnswer, isFileAnswer, isGroupRows, type AnswerValue, type Answers } from './answers.ts';
import { groupFields, pruneHidden, visibleFields, visiblePages } from './conditions.ts';
import type { FormDefinition, GroupField, LeafField, Page } from './schema.ts';
import { textIn } from './texts.ts';

/*
 * Answers as people read them, for "check your answers", the receipt and the case: in the reader's language,
 * option labels instead of values, days and amounts the German way.
 */

type Language = 'de' | 'en';

const yesNo = { de: de.definition.answers, en: en.definition.answers };

const numberFormats = { de: new Intl.NumberFormat('de-DE'), en: new Intl.NumberFormat('en-GB') };

function answered(value: AnswerValue | undefined): value is Exclude<AnswerValue, null> {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

function optionLabel(field: LeafField, value: string, language: Language, easy: boolean): string {
  const option = field.options?.find((candidate) => candidate.value === value);
  return option ? textIn(option.label, language, easy) : value;
}

function leafLines(field: LeafField, value: Exclude<AnswerValue, null>, language: Language, easy: boolean): string[] {
  // Stored answers are of their field's shape; anything else shows as nothing rather than "[object Object]".
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  switch (field.type) {
    case 'checkbox':
      return [value === true ? yesNo[language].yes : yesNo[language].no];
    case 'checkboxes':
    case 'select':
    case 'radio':
      return (Array.isArray(value) ? value : [value]).filter((item) => typeof item === 'string').map((item) => optionLabel(field, item, language, easy));
    case 'date':
      return [formatDay(text)];
    case 'number':
      return [typeof value === 'number' ? numberFormats[language].format(value) : text];
    case 'iban':
      return [formatIban(text)];
    case 'textarea':
      return text.split('\n');
    case 'address':
      return isAddressAnswer(value) ? [`${value.street} ${value.houseNumber}`, `${value.postcode} ${value.town}`] : [];
    case 'file':
      return isFileAnswer(value) ? [`${value.filename} (${formatBytes(value.bytes, language)})`] : [];
    case 'phone':
      // Stored in E.164 for systems; people read it with its area code apart.
      return [formatPhone(text)];
    case 'text':
    case 'email':
    case 'licencePlate':
      return [text];
  }
}

/** A group row's heading: the definition's row label with its number ("Hund 2"), the number after a label without a place for it. */
export function rowHeading(itemLabel: string, number: number): string {
  return itemLabel.includes('{{number}}') ? itemLabel.replaceAll('{{number}}', String(number)) : `${itemLabel} ${number}`;
}

export interface AnswerRow {
  fieldId: string;
  label: string;
  text: string[];
  /** For a group's row, its number (from 1): the row is one block headed by its row label. */
  row?: number;
}

/**
 * A group's answers as one block per row, headed by the row's label, each answer beside its question
 * ("Geburtsdatum: 01.05.2020"): with several dogs, a bare list of values would not say which is which.
 */
function groupRows(field: GroupField, value: Exclude<AnswerValue, null>, kept: Answers, language: Language, easy: boolean): AnswerRow[] {
  if (!isGroupRows(value)) return [];
  const children = groupFields(field.fields, kept);
  return value.map((row, index) => ({
    fieldId: field.id,
    row: index + 1,
    label: rowHeading(textIn(field.itemLabel, language, easy), index + 1),
    text: children.flatMap((child) => {
      const item = row[child.id];
      return answered(item) ? [`${textIn(child.label, language, easy)}: ${leafLines(child, item, language, easy).join(', ')}`] : [];
    }),
  }));
}

export interface AnswerSection {
  page: Page;
  title: string;
  rows: AnswerRow[];
}

/** The shown pages in order, each answered field as lines in `language` (with `easy`, Leichte Sprache where written). */
export function answerRows(definition: FormDefinition, answers: Answers, language: Language, easy = false): AnswerSection[] {
  const kept = pruneHidden(definition, answers);
  return visiblePages(definition, kept).map((page) => ({
    page,
    title: textIn(page.title, language, easy),
    rows: visibleFields(page, kept).flatMap((field) => {
      const value = kept[field.id];
      if (!answered(value)) return [];
      if (field.type === 'group') return groupRows(field, value, kept, language, easy);
      return [{ fieldId: field.id, label: textIn(field.label, language, easy), text: leafLines(field, value, language, easy) }];
    }),
  }));
}
