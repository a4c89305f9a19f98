/*
 * Type inference over the whole file, not a sample. Each column keeps the set of readings every one of its
 * cells allows so far (integer with a decimal comma, number with a decimal point, date day first, …); the
 * file's conventions are chosen at the end from the cells that only one convention reads, and each column
 * takes the narrowest type that survived under them.
 */
import type { PublishedField } from '../tables.ts';
import { isMidnight, readBoolean, readDate, readDatetime, readInteger, readNumber, readTime, type Conventions } from './convert.ts';
import type { DecimalMark, RawCell } from './types.ts';

const integerComma = 1 << 0;
const integerDot = 1 << 1;
const numberComma = 1 << 2;
const numberDot = 1 << 3;
const booleanWord = 1 << 4;
const dateDmy = 1 << 5;
const dateMdy = 1 << 6;
const datetimeDmy = 1 << 7;
const datetimeMdy = 1 << 8;
const timeOfDay = 1 << 9;
const everything = (1 << 10) - 1;

const textTests: [number, (text: string) => boolean][] = [
  [integerComma, (text) => readInteger(text, ',') !== undefined],
  [integerDot, (text) => readInteger(text, '.') !== undefined],
  [numberComma, (text) => readNumber(text, ',') !== undefined],
  [numberDot, (text) => readNumber(text, '.') !== undefined],
  [booleanWord, (text) => readBoolean(text) !== undefined],
  [dateDmy, (text) => readDate(text, 'DMY') !== undefined],
  [dateMdy, (text) => readDate(text, 'MDY') !== undefined],
  [datetimeDmy, (text) => readDatetime(text, 'DMY') !== undefined],
  [datetimeMdy, (text) => readDatetime(text, 'MDY') !== undefined],
  [timeOfDay, (text) => readTime(text) !== undefined],
];

function typedMask(cell: RawCell): number {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return 0;
    return (Number.isSafeInteger(cell) ? integerComma | integerDot : 0) | numberComma | numberDot;
  }
  if (typeof cell === 'boolean') return booleanWord;
  if (cell instanceof Date) return isMidnight(cell) ? dateDmy | dateMdy : datetimeDmy | datetimeMdy;
  return 0;
}

/** Inference state of one column. */
export class ColumnGuess {
  mask = everything;
  filled = 0;

  constructor(private readonly evidence: Evidence) {}

  see(cell: RawCell): void {
    this.filled++;
    if (typeof cell !== 'string') {
      this.mask &= typedMask(cell);
      return;
    }
    if (this.mask === 0) return;
    const text = cell.trim();
    let allowed = 0;
    for (const [bit, test] of textTests) if (this.mask & bit && test(text)) allowed |= bit;
    this.evidence.count(allowed);
    this.mask &= allowed;
  }

  type(conventions: Conventions): PublishedField['type'] {
    if (this.filled === 0) return 'string';
    const comma = conventions.decimal === ',';
    const dmy = conventions.dateOrder === 'DMY';
    const order: [number, PublishedField['type']][] = [
      [comma ? integerComma : integerDot, 'integer'],
      [comma ? numberComma : numberDot, 'number'],
      [dmy ? dateDmy : dateMdy, 'date'],
      [dmy ? datetimeDmy : datetimeMdy, 'datetime'],
      [timeOfDay, 'time'],
      [booleanWord, 'boolean'],
    ];
    return order.find(([bit]) => this.mask & bit)?.[1] ?? 'string';
  }
}

/** Cells that only one convention reads as a number (or a date) vote for it. */
export class Evidence {
  commaOnly = 0;
  dotOnly = 0;
  dmyOnly = 0;
  mdyOnly = 0;

  count(allowed: number): void {
    const comma = (allowed & numberComma) !== 0;
    const dot = (allowed & numberDot) !== 0;
    if (comma && !dot) this.commaOnly++;
    if (dot && !comma) this.dotOnly++;
    const dmy = (allowed & (dateDmy | datetimeDmy)) !== 0;
    const mdy = (allowed & (dateMdy | datetimeMdy)) !== 0;
    if (dmy && !mdy) this.dmyOnly++;
    if (mdy && !dmy) this.mdyOnly++;
  }

  /** Without votes the reader's default holds (a semicolon file is German, a comma file English); dates day first. */
  conventions(fallback: DecimalMark): Conventions {
    const decimal: DecimalMark = this.commaOnly > this.dotOnly ? ',' : this.dotOnly > this.commaOnly ? '.' : fallback;
    return { decimal, dateOrder: this.mdyOnly > this.dmyOnly ? 'MDY' : 'DMY' };
  }
}
