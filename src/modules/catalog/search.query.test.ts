import { describe, expect, it } from 'vitest';
import { compileQuery, isThesaurusWord, parseQuery } from './search.query.ts';

describe('reading a query through the thesaurus', () => {
  it('12.19 takes the longest known phrase, leaves out English filler words and folds plurals', () => {
    expect(parseQuery('How do I register my dogs?')).toEqual([{ kind: 'known', words: ['register', 'dogs'], means: [['hund', 'anmelden'], ['hundesteuer']] }]);
    expect(parseQuery('lost passport')).toEqual([{ kind: 'known', words: ['lost', 'passport'], means: [['verlust', 'reisepass']] }]);
    expect(parseQuery('Hund Steuer')).toEqual([
      { kind: 'word', word: 'hund' },
      { kind: 'word', word: 'steuer' },
    ]);
  });

  it('12.19 matches a known short form only through what it stands for, other words also as prefixes', () => {
    const query = compileQuery(parseQuery('Perso Antrag'))!;
    expect(query.all).toBe('((personalausweis) | (perso)) & (antrag | antrag:*AB)');
    expect(query.exact).toBe('((personalausweis) | (perso)) | antrag');
    expect(query.raw).toBe('personalausweis antrag');
  });

  it('searches filler words as typed when there is nothing else, and nothing for no words', () => {
    expect(parseQuery('the')).toEqual([{ kind: 'word', word: 'the' }]);
    expect(compileQuery(parseQuery('  ! '))).toBeNull();
  });

  it('counts the thesaurus words as known, so "did you mean" does not correct them', () => {
    expect(isThesaurusWord('card')).toBe(true);
    expect(isThesaurusWord('dogs')).toBe(true);
    expect(isThesaurusWord('hundesteuer')).toBe(false);
  });
});
