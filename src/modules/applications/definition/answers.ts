/*
 * The stored shape of answers: plain JSON, kept in drafts and cases, read back by any later version of the
 * code. By field id; a group's id holds its rows, each row by its fields' ids.
 *
 *   text, textarea, email, phone (E.164), iban (compact), licencePlate (`ERK-AB 123`), select, radio: string
 *   number: number; date: `YYYY-MM-DD`; checkbox: boolean; checkboxes: string[]
 *   address: AddressAnswer; file: FileAnswer; group: GroupRow[]
 *
 * A question left empty is `null` (a checkbox `false`, checkboxes and groups `[]`), so that a page once
 * answered has a key for each of its questions.
 */

export type AnswerValue = string | number | boolean | string[] | AddressAnswer | FileAnswer | GroupRow[] | null;

export interface AddressAnswer {
  street: string;
  houseNumber: string;
  postcode: string;
  town: string;
}

export interface FileAnswer {
  /** The file store's id (SHA-256 of the content). */
  fileId: string;
  /** The name the browser sent, for showing only. */
  filename: string;
  /** Detected from the content by the file store. */
  mediaType: string;
  bytes: number;
}

export type GroupRow = Record<string, AnswerValue>;

export type Answers = Record<string, AnswerValue>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function isAddressAnswer(value: unknown): value is AddressAnswer {
  return isRecord(value) && ['street', 'houseNumber', 'postcode', 'town'].every((part) => typeof value[part] === 'string');
}

export function isFileAnswer(value: unknown): value is FileAnswer {
  return isRecord(value) && typeof value.fileId === 'string' && typeof value.filename === 'string' && typeof value.mediaType === 'string' && typeof value.bytes === 'number';
}

export function isGroupRows(value: unknown): value is GroupRow[] {
  return Array.isArray(value) && value.every(isRecord);
}

/** Something was entered: text that is not blank, a ticked box, a number, at least one choice or row, an address, a file. */
export function isFilled(value: AnswerValue | undefined): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
