import type { ModuleManifest, ThesaurusEntry } from '../module.ts';
import { searchWords } from './text.ts';

/**
 * A part of a query: a word as typed (matched whole or, in titles and summaries, as the start of a longer
 * word), or a phrase a module's thesaurus knows, matched only through the documents' words for it.
 */
export type QueryPart = { kind: 'word'; word: string } | { kind: 'known'; words: readonly string[]; means: readonly (readonly string[])[] };

/** German tsquery sources for a parsed query; every word comes from `searchWords`, so no tsquery syntax gets in. */
export interface CompiledQuery {
  /** Every part must match: the search's filter. */
  all: string;
  /** Any part, words also as prefixes in title and summary: the rank. */
  any: string;
  /** Any part, whole words only: ranks documents that contain the words themselves above those that merely contain longer words beginning with them. */
  exact: string;
  /** The words for trigram similarity with a document's title and synonyms; known phrases by their German meaning. */
  raw: string;
}

interface Phrase {
  words: string[];
  means: string[][];
}

/** How the thesaurus compares words: English plurals fold into the singular ("dogs", "bins"). */
function fold(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** What every module's thesaurus says, read once: phrases by their first word, and the filler words. */
export class Thesaurus {
  private readonly phrasesByFirstWord = new Map<string, Phrase[]>();
  private readonly words: Set<string>;

  constructor(
    entries: readonly ThesaurusEntry[],
    private readonly fillerWords: ReadonlySet<string>,
  ) {
    for (const entry of entries) {
      for (const say of entry.say) {
        const words = this.meaningful(searchWords(say)).map(fold);
        if (words.length === 0) continue;
        const list = this.phrasesByFirstWord.get(words[0]!) ?? [];
        list.push({ words, means: entry.means.map((phrase) => searchWords(phrase)) });
        this.phrasesByFirstWord.set(words[0]!, list);
      }
    }
    // Longest first, so "lost passport" wins over "passport".
    for (const list of this.phrasesByFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
    this.words = new Set([...this.phrasesByFirstWord.values()].flat().flatMap((phrase) => phrase.words));
  }

  private meaningful(words: readonly string[]): string[] {
    return words.filter((word) => !this.fillerWords.has(word));
  }

  /** Whether the search understands a word through the thesaurus, so "did you mean" leaves it alone. */
  knows(word: string): boolean {
    return this.fillerWords.has(word) || this.words.has(fold(word));
  }

  /**
   * Splits a query into words and known phrases, longest phrase first. Filler words are left out, unless
   * the query has nothing else.
   */
  parse(text: string): QueryPart[] {
    const all = searchWords(text);
    const words = this.meaningful(all).length > 0 ? this.meaningful(all) : all;
    const parts: QueryPart[] = [];
    for (let index = 0; index < words.length; ) {
      const phrase = (this.phrasesByFirstWord.get(fold(words[index]!)) ?? []).find((candidate) =>
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
}

function alternatives(part: Extract<QueryPart, { kind: 'known' }>): string {
  // The words as typed stay an alternative, so synonyms an editor gave a document ("ID-Karte") still count.
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

const built = new WeakMap<readonly ModuleManifest[], Thesaurus>();

/** The thesaurus of the modules given (every module's `search.thesaurus` together), built once per list. */
export function thesaurusOf(modules: readonly ModuleManifest[]): Thesaurus {
  let thesaurus = built.get(modules);
  if (!thesaurus) {
    const declared = modules.flatMap((module) => (module.search?.thesaurus ? [module.search.thesaurus] : []));
    thesaurus = new Thesaurus(
      declared.flatMap((one) => one.entries),
      new Set(declared.flatMap((one) => [...(one.fillerWords ?? [])])),
    );
    built.set(modules, thesaurus);
  }
  return thesaurus;
}
