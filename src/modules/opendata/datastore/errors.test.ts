import { describe, expect, it } from 'vitest';
import de from '../locales/datastore.de.json' with { type: 'json' };
import en from '../locales/datastore.en.json' with { type: 'json' };
import { DatastoreQueryError, problemCodes } from './errors.ts';

describe('datastore problems', () => {
  it('have a German and an English text for every code, and no text without a code', () => {
    expect(Object.keys(de.datastore.problems).sort()).toEqual([...problemCodes].sort());
    expect(Object.keys(en.datastore.problems).sort()).toEqual([...problemCodes].sort());
  });

  it('gather into CKAN’s field → messages dictionary', () => {
    const error = new DatastoreQueryError([
      { key: 'filters', code: 'unknown-field', field: 'a' },
      { key: 'filters', code: 'bad-value', field: 'b', value: 'x' },
      { key: 'limit', code: 'not-natural' },
    ]);
    expect(error.errors).toEqual({ filters: ['field "a" not in table', 'invalid value "x" for field "b"'], limit: ['Must be a natural number'] });
    expect(error.message).toBe('field "a" not in table; invalid value "x" for field "b"; Must be a natural number');
  });
});
