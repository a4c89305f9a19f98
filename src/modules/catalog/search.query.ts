import { searchWords } from '#kernel/search.ts';
import { fillerWords, synonyms } from './synonyms.ts';

/**
 * A part of a query: a word as typed (matched whole or, in titles and summaries, as the start of a longer
 * word), or a phrase the thesaurus knows, matched only through the catalogue's words for it.
 */
export type QueryPart = { kind: 'word'; word: string } | { kind: 'known'; words: readonly string[]; means: readonly (readonly string[])[] };

/** How the thesaurus compares words: English plurals fold into the singular ("dogs", "bins"). */
function fold(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

const meaningful = (words: readonly string[]) => words.filter((word) => !fillerWords.has(word));

interface Phrase {
  words: string[];
  means: string[][];
}

/** Thesaurus phrases by their first (folded) word, longest first, so "lost passport" wins over "passport". */
const phrasesByFirstWord = new Map<string, Phrase[]>();
for (const synonym of synonyms) {
  for (const say of synonym.say) {
    const words = meaningful(searchWords(say)).map(fold);
    if (words.length === 0) continue;
    const list = phrasesByFirstWord.get(words[0]!) ?? [];
    list.push({ words, means: synonym.means.map((phrase) => searchWords(phrase)) });
    phrasesByFirstWord.set(words[0]!, list);
  }
}
for (const list of phrasesByFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
const thesaurusWords = new Set([...phrasesByFirstWord.values()].flat().flatMap((phrase) => phrase.words));

/** Whether the search understands a word through the thesaurus, so "did you mean" leaves it alone. */
export function isThesaurusWord(word: string): boolean {
  return fillerWords.has(word) || thesaurusWords.has(fold(word));
}

/**
 * Splits a query into words and known phrases, longest phrase first. English filler words are left out,
 * unless the query has nothing else.
 */
export function parseQuery(text: string): QueryPart[] {
  const all = searchWords(text);
  const words = meaningful(all).length > 0 ? meaningful(all) : all;
  const parts: QueryPart[] = [];
  for (let index = 0; index < words.length; ) {
    const phrase = (phrasesByFirstWord.get(fold(words[index]!)) ?? []).find((candidate) =>
      candidate.words.every((word, offset) => words[index + offset] !== undefined && fold(words[index + offset]!) === word),
    );
    if (phrase) {
      parts.push({ kind: 'known', words: words.slice(index, index + phrase.words.length), means: phrase.means });
      index += phrase.words.length;
    } else {
      parts.push({ kind: 'word', word: words[index]! });
      index += 1;
    }
  }
  return parts;
}

/** German tsquery sources for a parsed query; every word comes from `searchWords`, so no tsquery syntax gets in. */
export interface CompiledQuery {
  /** Every part must match: the search's filter. */
  all: string;
  /** Any part, words also as prefixes in title and summary: the rank. */
  any: string;
  /** Any part, whole words only: ranks entries that contain the words themselves above those that merely contain longer words beginning with them. */
  exact: string;
  /** The words for trigram similarity with an entry's title and synonyms; known phrases by their German meaning. */
  raw: string;
}

function alternatives(part: Extract<QueryPart, { kind: 'known' }>): string {
  // The words as typed stay an alternative, so synonyms an editor gave an entry ("ID-Karte") still count.
  const phrases = [...part.means, part.words].map((words) => `(${words.join(' & ')})`);
  return `(${[...new Set(phrases)].join(' | ')})`;
}

export function compileQuery(parts: readonly QueryPart[]): CompiledQuery | null {
  if (parts.length === 0) return null;
  const loose = parts.map((part) => (part.kind === 'word' ? `(${part.word} | ${part.word}:*AB)` : alternatives(part)));
  const exact = parts.map((part) => (part.kind === 'word' ? part.word : alternatives(part)));
  return {
    all: loose.join(' & '),
    any: loose.join(' | '),
    exact: exact.join(' | '),
    raw: parts.map((part) => (part.kind === 'word' ? part.word : part.means[0]!.join(' '))).join(' '),
  };
}
