import { describe, expect, it } from 'vitest';
import { slugOf } from './service.propose.ts';

describe('an entry’s address', () => {
  it('writes umlauts out and never takes the name of one of the hub’s own pages', () => {
    expect(slugOf('Repair-Café Lövenich e. V.')).toBe('repair-cafe-loevenich-e-v');
    expect(slugOf('Kalender')).toBe('kalender-initiative');
    expect(slugOf('Pflegen!')).toBe('pflegen-initiative');
    expect(slugOf('Kalender der Nachbarschaft')).toBe('kalender-der-nachbarschaft');
    expect(slugOf('?')).toBe('initiative');
  });
});
