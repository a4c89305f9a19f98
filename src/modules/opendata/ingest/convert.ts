/*
 * Reading one cell as a typed value. Text follows the file's conventions (decimal mark, order of slash
 * dates); XLSX cells and GeoJSON properties come typed already. Every reader returns undefined when the cell
 * is not of the type, so inference and validation share the same rules.
 */
import type { PublishedField } from '../tables.ts';
import type { DateOrder, DecimalMark, RawCell, RowValue } from './types.ts';

export interface Conventions {
  decimal: DecimalMark;
  dateOrder: DateOrder;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

// An integer part never starts with 0 unless it is 0: '01234' is a code (a postcode), not a number.
export const plainComma = /^-?(?:0|[1-9]\d*)(?:,\d+)?$/;
export const groupedComma = /^-?[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$/;
export const plainDot = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;
export const groupedDot = /^-?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$/;

/** A number written with the given decimal mark (and optional thousands groups of the other mark). */
export function readNumber(text: string, decimal: DecimalMark): number | undefined {
  if (decimal === ',') {
    if (plainComma.test(text)) return Number(text.replace(',', '.'));
    if (groupedComma.test(text)) return Number(text.replace(/\./g, '').replace(',', '.'));
    return undefined;
  }
  if (plainDot.test(text)) return Number(text);
  if (groupedDot.test(text)) return Number(text.replace(/,/g, ''));
  return undefined;
}

export function readInteger(text: string, decimal: DecimalMark): number | undefined {
  const value = readNumber(text, decimal);
  // Beyond 2^53 a JavaScript number loses digits; such long digit strings are identifiers and stay text.
  return value !== undefined && Number.isSafeInteger(value) && !/[eE]/.test(text) ? value : undefined;
}

export const trueWords = ['ja', 'wahr', 'true'];
export const falseWords = ['nein', 'falsch', 'false'];

/** ja/nein, wahr/falsch, true/false in any case. A column of 0 and 1 stays integer: it may be a count. */
export function readBoolean(text: string): boolean | undefined {
  const word = text.toLowerCase();
  if (trueWords.includes(word)) return true;
  if (falseWords.includes(word)) return false;
  return undefined;
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > monthDays[month - 1]! + (month === 2 && leap(year) ? 1 : 0)) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
export const dottedDate = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
export const slashDate = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** 'YYYY-MM-DD' from ISO, `dd.mm.yyyy` or a slash date in the file's order. Two-digit years are not dates. */
export function readDate(text: string, dateOrder: DateOrder): string | undefined {
  let match = isoDatePattern.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = dottedDate.exec(text);
  if (match) return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
  match = slashDate.exec(text);
  if (!match) return undefined;
  const [first, second] = [Number(match[1]), Number(match[2])];
  return dateOrder === 'DMY' ? isoDate(Number(match[3]), second, first) : isoDate(Number(match[3]), first, second);
}

const timePattern = /^(\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?$/;

export function readTime(text: string): string | undefined {
  const match = timePattern.exec(text);
  if (!match) return undefined;
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${match[4] ?? ''}`;
}

const zonePattern = /^(?:Z|[+-]\d{2}:?\d{2})$/;

/** ISO 8601 'YYYY-MM-DDTHH:mm:ss' (with the file's offset when it names one); the date part as `readDate` reads it. */
export function readDatetime(text: string, dateOrder: DateOrder): string | undefined {
  const match = /^(\S+?)(?:T|\s+)(\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!match) return undefined;
  const date = readDate(match[1]!, dateOrder);
  const time = readTime(match[2]!);
  const zone = match[3] ?? '';
  if (!date || !time || (zone && !zonePattern.test(zone))) return undefined;
  return `${date}T${time}${zone}`;
}

function readYearMonth(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(text) ?? /^(\d{1,2})[./](\d{4})$/.exec(text);
  if (!match) return undefined;
  const [year, month] = match[1]!.length === 4 ? [Number(match[1]), Number(match[2])] : [Number(match[2]), Number(match[1])];
  return month >= 1 && month <= 12 ? `${pad(year, 4)}-${pad(month)}` : undefined;
}

function dateParts(date: Date): { day: string; time: string } {
  const iso = date.toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/** A spreadsheet date carries no zone: exceljs hands it over as the wall time at UTC. */
export function isMidnight(date: Date): boolean {
  return date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0 && date.getUTCMilliseconds() === 0;
}

/** Text of any cell, for string fields, messages and inference of text. */
export function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date) {
    const { day, time } = dateParts(cell);
    return isMidnight(cell) ? day : `${day}T${time}`;
  }
  return JSON.stringify(cell);
}

export function isEmptyCell(cell: RawCell, missingValues: readonly string[]): boolean {
  if (cell === null || cell === undefined) return true;
  return typeof cell === 'string' && missingValues.includes(cell.trim());
}

type FieldType = PublishedField['type'];

/**
 * The cell as the field's type, or undefined when it is not one. Empty cells are handled by the caller.
 * `geojson` fields are filled by the GeoJSON reader, never here.
 */
export function convertCell(cell: RawCell, type: FieldType, conventions: Conventions): RowValue | undefined {
  if (typeof cell === 'number') return convertNumber(cell, type);
  if (typeof cell === 'boolean') return type === 'boolean' ? cell : type === 'string' ? String(cell) : undefined;
  if (cell instanceof Date) return convertDate(cell, type);
  if (typeof cell !== 'string') return type === 'string' ? cellText(cell) : undefined;
  if (type === 'string') return cell;
  const text = cell.trim();
  switch (type) {
    case 'integer':
      return readInteger(text, conventions.decimal);
    case 'number':
      return readNumber(text, conventions.decimal);
    case 'boolean':
      return readBoolean(text);
    case 'date':
      return readDate(text, conventions.dateOrder);
    case 'datetime':
      return readDatetime(text, conventions.dateOrder);
    case 'time':
      return readTime(text);
    case 'year':
      return /^\d{4}$/.test(text) ? Number(text) : undefined;
    case 'yearmonth':
      return readYearMonth(text);
    case 'geojson':
      return undefined;
  }
}

function convertNumber(value: number, type: FieldType): RowValue | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (type === 'number') return value;
  if (type === 'integer') return Number.isSafeInteger(value) ? value : undefined;
  if (type === 'year') return Number.isInteger(value) && value >= 1000 && value <= 9999 ? value : undefined;
  if (type === 'string') return String(value);
  return undefined;
}

function convertDate(value: Date, type: FieldType): RowValue | undefined {
  if (Number.isNaN(value.getTime())) return undefined;
  const { day, time } = dateParts(value);
  if (type === 'date') return isMidnight(value) ? day : undefined;
  if (type === 'datetime') return `${day}T${time}`;
  if (type === 'string') return cellText(value);
  if (type === 'yearmonth') return day.slice(0, 7);
  return undefined;
}
