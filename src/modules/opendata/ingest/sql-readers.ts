/*
 * The readers of `convert.ts` written as SQL, for a CSV file that PostgreSQL itself has copied into text
 * columns. Each reads a subset of what its JavaScript twin reads, with the same result: a cell outside that
 * subset gives null (a date that is no day of the calendar raises PostgreSQL's data error), and the caller
 * then reads the whole file the usual way, which decides and explains. So the SQL side never has to be as
 * forgiving as the JavaScript side, only never different where both read a cell. Cells with white space
 * around a value are left to the usual way, apart from text, where white space alone means empty.
 */
import { sql, type RawBuilder } from 'kysely';
import type { PublishedField } from '../tables.ts';
import { dottedDate, falseWords, groupedComma, groupedDot, isoDatePattern, plainComma, plainDot, slashDate, trueWords, type Conventions } from './convert.ts';

type SqlReadableType = Extract<PublishedField['type'], 'string' | 'integer' | 'number' | 'boolean' | 'date'>;
export const sqlReadableTypes: ReadonlySet<PublishedField['type']> = new Set<SqlReadableType>(['string', 'integer', 'number', 'boolean', 'date']);

export interface SqlReader {
  /** The typed value; null for an empty cell and for a cell this reader leaves to the usual way. */
  value: RawBuilder<unknown>;
  /** The cell is empty as `isEmptyCell` has it with the default missing value. */
  empty: RawBuilder<boolean>;
}

// JavaScript's `\d` is ASCII only; PostgreSQL's would take digits of any script.
const pattern = (regex: RegExp | string) => sql.lit((typeof regex === 'string' ? regex : regex.source).replaceAll('\\d', '[0-9]'));

/** What String.prototype.trim removes; a text cell of these alone is empty. */
const whitespace = ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const whitespaceCodes = [...whitespace].map((character) => sql.lit(character.codePointAt(0)!));

/*
 * Integers of at most fifteen digits, which JavaScript holds exactly: without a decimal part and without
 * leading zeros, grouped in thousands by the other mark or not. `readInteger` also reads "5,0" and sixteen
 * digits up to 2^53; those go the usual way.
 */
const integerPatterns = {
  ',': [/^-?(?:0|[1-9]\d{0,14})$/, /^-?[1-9]\d{0,2}(?:\.\d{3}){1,4}$/],
  '.': [/^-?(?:0|[1-9]\d{0,14})$/, /^-?[1-9]\d{0,2}(?:,\d{3}){1,4}$/],
} as const;

function numberValue(cell: RawBuilder<unknown>, conventions: Conventions, integer: boolean): RawBuilder<unknown> {
  const comma = conventions.decimal === ',';
  // Without the grouping mark, then with the decimal mark as PostgreSQL writes it.
  const plain = comma ? sql`replace(${cell}, ',', '.')` : cell;
  const grouped = comma ? sql`replace(replace(${cell}, '.', ''), ',', '.')` : sql`replace(${cell}, ',', '')`;
  if (integer) {
    const [plainInteger, groupedInteger] = integerPatterns[conventions.decimal];
    return sql`(case when ${cell} ~ ${pattern(plainInteger)} then ${cell}::int8 when ${cell} ~ ${pattern(groupedInteger)} then ${grouped}::int8 end)`;
  }
  const [plainNumber, groupedNumber] = comma ? [plainComma, groupedComma] : [plainDot, groupedDot];
  return sql`(case when ${cell} ~ ${pattern(plainNumber)} then ${plain}::numeric when ${cell} ~ ${pattern(groupedNumber)} then ${grouped}::numeric end)`;
}

/** `readDate`'s three spellings; make_date raises a data error for a day the calendar lacks (31 April). */
function dateValue(cell: RawBuilder<unknown>, conventions: Conventions): RawBuilder<unknown> {
  const part = (separator: string, index: number) => sql`split_part(${cell}, ${sql.lit(separator)}, ${sql.lit(index)})::int`;
  const dayFirst = conventions.dateOrder === 'DMY';
  return sql`(case
      when ${cell} ~ ${pattern(dottedDate)} then make_date(${part('.', 3)}, ${part('.', 2)}, ${part('.', 1)})
      when ${cell} ~ ${pattern(isoDatePattern)} then make_date(${part('-', 1)}, ${part('-', 2)}, ${part('-', 3)})
      when ${cell} ~ ${pattern(slashDate)} then make_date(${part('/', 3)}, ${part('/', dayFirst ? 2 : 1)}, ${part('/', dayFirst ? 1 : 2)})
    end)`;
}

const words = (list: readonly string[]) => sql.join(list.map((word) => sql.lit(word)));

/** The reader of one field over a text column of the copied file. */
export function sqlReader(field: PublishedField, cell: RawBuilder<unknown>, conventions: Conventions): SqlReader {
  const nothing = sql<boolean>`(${cell} is null or ${cell} = '')`;
  switch (field.type) {
    case 'string': {
      // Trimming is tried only on cells that start with white space, which few do.
      const blank = sql<boolean>`(ascii(${cell}) in (${sql.join(whitespaceCodes)}) and btrim(${cell}, ${sql.lit(whitespace)}) = '')`;
      return { value: sql`(case when ${nothing} or ${blank} then null else ${cell} end)`, empty: sql<boolean>`(${nothing} or ${blank})` };
    }
    case 'integer':
    case 'number':
      return { value: numberValue(cell, conventions, field.type === 'integer'), empty: nothing };
    case 'boolean':
      return {
        value: sql`(case when lower(${cell}) in (${words(trueWords)}) then true when lower(${cell}) in (${words(falseWords)}) then false end)`,
        empty: nothing,
      };
    case 'date':
      return { value: dateValue(cell, conventions), empty: nothing };
    case 'datetime':
    case 'time':
    case 'year':
    case 'yearmonth':
    case 'geojson':
      throw new Error(`No SQL reader for ${field.type}`);
  }
}
