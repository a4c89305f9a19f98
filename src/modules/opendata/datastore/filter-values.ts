/*
 * A filter value checked against its column's type before it goes to the database, so that `abc` for a
 * number is the client's mistake (409 with the field named), not the database's error (500). Returned as
 * the text PostgreSQL casts to the column's type.
 */

const integerPattern = /^[+-]?\d{1,18}$/;
const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)(:([0-5]\d)(\.\d{1,6})?)?$/;
const timestampPattern = /^(\d{4}-\d{2}-\d{2})[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/** The value as text for a cast to the column's type, or undefined when it is no value of that type. */
export function checkedValue(type: string, value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const text = String(value).trim();
  switch (type) {
    case 'int8':
      return typeof value !== 'boolean' && integerPattern.test(text) ? text : undefined;
    case 'int4':
      return typeof value !== 'boolean' && integerPattern.test(text) && Math.abs(Number(text)) <= 2_147_483_647 ? text : undefined;
    case 'numeric':
      return typeof value !== 'boolean' && numberPattern.test(text) ? text : undefined;
    case 'bool':
      return booleanText(value);
    case 'date':
      return isDay(text) ? text : undefined;
    case 'time':
      return timePattern.test(text) ? text : undefined;
    case 'timestamptz': {
      const match = timestampPattern.exec(text);
      return match && isDay(match[1]!) ? text : undefined;
    }
    default:
      // text and what else a table may hold: compared as written.
      return String(value);
  }
}

function booleanText(value: string | number | boolean): string | undefined {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value).trim().toLowerCase();
  if (text === 'true' || text === 't' || text === '1') return 'true';
  if (text === 'false' || text === 'f' || text === '0') return 'false';
  return undefined;
}

function isDay(text: string): boolean {
  const match = datePattern.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
