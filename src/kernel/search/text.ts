import type { Highlighted } from '../module.ts';

/** Control characters no text contains: ts_headline marks matches with them, and `splitHighlights` splits on them. */
export const markStart = '\u0002';
export const markEnd = '\u0003';

/** ts_headline options with the platform's marks for a body: up to two passages of about twenty words. */
export const headlineOptions = `StartSel=${markStart}, StopSel=${markEnd}, MaxFragments=2, MaxWords=22, MinWords=8, FragmentDelimiter=" … "`;

/** For a summary, which a hit shows whole: every match marked, nothing cut. */
export const summaryHeadlineOptions = `StartSel=${markStart}, StopSel=${markEnd}, HighlightAll=true`;

/** Lower-cased words of a query (letters and digits only, so no tsquery syntax gets through); at most ten. */
export function searchWords(text: string): string[] {
  const words = text.toLocaleLowerCase('de-DE').match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((word) => word.slice(0, 50)))].slice(0, 10);
}

/** Splits ts_headline output into marked and unmarked pieces, so the view escapes every piece as text. */
export function splitHighlights(headline: string): Highlighted[] {
  const pieces: Highlighted[] = [];
  for (const part of joinLines(headline).split(markStart)) {
    const [marked, rest] = part.includes(markEnd) ? (part.split(markEnd, 2) as [string, string]) : [undefined, part];
    if (marked) pieces.push({ text: marked, match: true });
    if (rest) pieces.push({ text: rest, match: false });
  }
  return pieces;
}

/**
 * A passage of a body may span the lines of a list ("Personalausweis\nZulassungsbescheinigung"), which a page
 * shows run together: a line that ends a sentence is followed by a space, any other by a middle dot.
 */
function joinLines(text: string): string {
  return text
    .trim()
    .replace(/([.!?:;])[ \t]*\n\s*/g, '$1 ')
    .replace(/[ \t]*\n\s*/g, ' · ');
}

/** Removes the control characters the marks use (and any other), so stored text can never forge a mark. */
export function withoutControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}
