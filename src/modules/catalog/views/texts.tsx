import type { ComponentChildren } from 'preact';
import type { PageContext } from '#kernel/html/page.ts';
import { hasEnglish, inLanguage, type Shown } from '../schemas.english.ts';
import { BulletList, Paragraphs } from './parts.tsx';

/** Said before a German text that stands in for missing English on an English page. */
export function OnlyGerman({ page, whole = false }: { page: PageContext; whole?: boolean }) {
  return (
    <p class="kern-body kern-body--small catalog-only-german">
      <span class="kern-icon kern-icon--language kern-icon--default" aria-hidden="true" /> {page.t(whole ? 'catalog:english.pageOnlyGerman' : 'catalog:english.onlyGerman')}
    </p>
  );
}

/**
 * How an entry's texts are shown on a page: in German on a German page; in English on an English page where
 * the twin exists, else in German marked lang="de", with the note before each such text when the entry has
 * some English (an entry without any is marked once, at its heading, rather than text by text).
 */
export interface Texts {
  page: PageContext;
  show<T extends string | readonly string[]>(german: T, english: T | undefined): Shown<T>;
  /** The note before a German text, when one is due. */
  note(shown: Shown<unknown>): ComponentChildren;
  /** True on an English page for an entry without any English. */
  wholeInGerman: boolean;
}

export function textsOf(page: PageContext, english: object | undefined): Texts {
  const anyEnglish = hasEnglish(english);
  return {
    page,
    show: (german, english) => inLanguage(page.lang, german, english),
    note: (shown) => (shown.lang && anyEnglish ? <OnlyGerman page={page} /> : null),
    wholeInGerman: page.lang !== 'de' && !anyEnglish,
  };
}

/** Paragraphs in the page's language where they exist in it, with the note where they do not. */
export function LocalParagraphs({ texts, german, english }: { texts: Texts; german: string; english: string | undefined }) {
  const shown = texts.show(german, english);
  return (
    <>
      {texts.note(shown)}
      <Paragraphs text={shown.value} lang={shown.lang} />
    </>
  );
}

export function LocalList({ texts, german, english }: { texts: Texts; german: readonly string[]; english: readonly string[] | undefined }) {
  const shown = texts.show(german, english);
  return (
    <>
      {texts.note(shown)}
      <BulletList items={shown.value} lang={shown.lang} />
    </>
  );
}
