import { describe, expect, it } from 'vitest';
import { compileQuery, Thesaurus } from '#kernel/search/thesaurus.ts';
import { fillerWords, synonyms } from './synonyms.ts';

/* The kernel reads every query through the modules' thesauri; these are the catalogue's. */
const thesaurus = new Thesaurus(synonyms, fillerWords);

describe('reading a query through the thesaurus', () => {
  it('12.19 takes the longest known phrase, leaves out English filler words and folds plurals', () => {
    expect(thesaurus.parse('How do I register my dogs?')).toEqual([{ kind: 'known', words: ['register', 'dogs'], means: [['hund', 'anmelden'], ['hundesteuer']] }]);
    expect(thesaurus.parse('lost passport')).toEqual([{ kind: 'known', words: ['lost', 'passport'], means: [['verlust', 'reisepass']] }]);
    expect(thesaurus.parse('Hund Steuer')).toEqual([
      { kind: 'word', word: 'hund' },
      { kind: 'word', word: 'steuer' },
    ]);
  });

  it('12.19 matches a known short form only through what it stands for, other words also as prefixes', () => {
    const query = compileQuery(thesaurus.parse('Perso Antrag'))!;
    expect(query.all).toBe('((personalausweis) | (perso)) & (antrag | antrag:*AB)');
    expect(query.exact).toBe('((personalausweis) | (perso)) | antrag');
    expect(query.raw).toBe('personalausweis antrag');
  });

  it('searches filler words as typed when there is nothing else, and nothing for no words', () => {
    expect(thesaurus.parse('the')).toEqual([{ kind: 'word', word: 'the' }]);
    expect(compileQuery(thesaurus.parse('  ! '))).toBeNull();
  });

  it('counts the thesaurus words as known, so "did you mean" does not correct them', () => {
    expect(thesaurus.knows('card')).toBe(true);
    expect(thesaurus.knows('dogs')).toBe(true);
    expect(thesaurus.knows('hundesteuer')).toBe(false);
  });
});
