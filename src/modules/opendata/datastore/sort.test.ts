import { describe, expect, it } from 'vitest';
import { parseSort } from './sort.ts';

describe('parseSort', () => {
  it('reads fields with direction and nulls, quoted names holding commas, spaces and quotes', () => {
    expect(parseSort('a, b DESC, "c, d" asc nulls first, "e ""f""" nulls last')).toEqual([
      { column: 'a', descending: false },
      { column: 'b', descending: true },
      { column: 'c, d', descending: false, nulls: 'first' },
      { column: 'e "f"', descending: false, nulls: 'last' },
    ]);
    expect(parseSort('  ')).toEqual([]);
  });

  it('refuses anything beyond a name, a direction and nulls', () => {
    for (const text of ['a desc asc', 'a nulls', 'a; drop table x', '"open', '"a"b', 'a,', ',a', 'a desc, b sideways', '""']) {
      expect(parseSort(text), text).toBeUndefined();
    }
  });
});
