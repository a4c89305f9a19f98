/*
 * CKAN's sort string: `field`, `field desc`, `"field with spaces" asc nulls last`, items separated by commas.
 * Parsed by hand rather than with a pattern over the whole string, so a quoted name may hold commas and
 * spaces; anything else (a parenthesis, a second word, a semicolon) makes the sort invalid.
 */

export interface SortItem {
  column: string;
  descending: boolean;
  nulls?: 'first' | 'last';
}

/** The items of a sort string, or undefined when it is not one. */
export function parseSort(text: string): SortItem[] | undefined {
  const items: SortItem[] = [];
  let rest = text.trim();
  if (rest === '') return items;
  for (;;) {
    const name = leadingName(rest);
    if (!name) return undefined;
    rest = rest.slice(name.length);
    if (rest !== '' && !/^[\s,]/.test(rest)) return undefined;
    rest = rest.trimStart();
    const end = rest.indexOf(',');
    const words = (end < 0 ? rest : rest.slice(0, end)).trim().toLowerCase().split(/\s+/).filter(Boolean);
    const item = itemOf(name.column, words);
    if (!item) return undefined;
    items.push(item);
    if (end < 0) return items;
    rest = rest.slice(end + 1).trimStart();
  }
}

function leadingName(text: string): { column: string; length: number } | undefined {
  if (text.startsWith('"')) {
    let index = 1;
    let column = '';
    while (index < text.length) {
      if (text[index] === '"') {
        if (text[index + 1] !== '"') return column ? { column, length: index + 1 } : undefined;
        column += '"';
        index += 2;
      } else {
        column += text[index];
        index += 1;
      }
    }
    return undefined;
  }
  const match = /^[^\s,"]+/.exec(text);
  return match ? { column: match[0], length: match[0].length } : undefined;
}

function itemOf(column: string, words: string[]): SortItem | undefined {
  let descending = false;
  let index = 0;
  if (words[index] === 'asc' || words[index] === 'desc') {
    descending = words[index] === 'desc';
    index += 1;
  }
  let nulls: SortItem['nulls'];
  if (words[index] === 'nulls' && (words[index + 1] === 'first' || words[index + 1] === 'last')) {
    nulls = words[index + 1] as 'first' | 'last';
    index += 2;
  }
  if (index !== words.length) return undefined;
  return nulls ? { column, descending, nulls } : { column, descending };
}
