import { bytesOf } from '#kernel/pdf/bytes.ts';
import { pdfkit } from '#kernel/lazy.ts';
import { pdfFonts } from '#kernel/pdf/fonts.ts';
import { mm } from '#kernel/pdf/letter.ts';

export { mm };

export type Language = 'de' | 'en';
type Element = PDFKit.PDFStructureElement;

/** The language of a text as the PDF names it (BCP 47), for the catalogue and for elements in another language. */
export const languageTag = (lang: Language) => (lang === 'de' ? 'de-DE' : 'en-GB');

/** The area text flows in: A4 with the margins of the kernel's letters, so both look alike on paper. */
export const area = { left: mm(25), right: mm(190), width: mm(165), top: mm(20), bottom: mm(267) };
export const colours = { text: '#000000', muted: '#4a4a4a', rule: '#6b6b6b', filled: '#0b3a8c' };

export interface TaggedDocument {
  doc: PDFKit.PDFDocument;
  /** The `Document` element every other element of the structure tree hangs from. */
  root: Element;
  /** Ends the structure and the document and hands back its bytes. */
  finish: () => Promise<Buffer>;
}

/**
 * An A4 document that a screen reader can read: tagged (marked content and a structure tree), its language
 * and title declared and the title shown instead of the file name, Fira Sans embedded. Pages are kept until
 * the end, so page numbers ("Seite 1 von 3") can be written when the number of pages is known.
 */
export async function taggedDocument(meta: { title: string; author: string; lang: Language }): Promise<TaggedDocument> {
  // pdfkit and its font machinery take a tenth of a second to load: only documents made need them.
  const [PDFDocument, fonts] = await Promise.all([pdfkit(), pdfFonts()]);
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    bufferPages: true,
    margins: { top: area.top, bottom: mm(297) - area.bottom, left: area.left, right: mm(210) - area.right },
    info: { Title: meta.title, Author: meta.author, Creator: meta.author },
    lang: languageTag(meta.lang),
    displayTitle: true,
    tagged: true,
    pdfVersion: '1.7',
  });
  const finished = bytesOf(doc);
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.addPage();
  const root = doc.struct('Document');
  doc.addStructure(root);
  return {
    doc,
    root,
    finish: async () => {
      root.end();
      doc.end();
      return finished;
    },
  };
}

/** A structure element under `parent` whose children come later (a section, a list, a table row); the caller ends it. */
export function open(doc: PDFKit.PDFDocument, parent: Element, type: string, options: PDFKit.Mixins.StructureElementOptions = {}): Element {
  const element = doc.struct(type, options);
  types.set(element, type);
  parent.add(element);
  return element;
}

/** The type each element was made with: its marked content carries the same tag. */
const types = new WeakMap<Element, string>();

/**
 * Draws content as part of `element`. An element may take several pieces (a value written line by line
 * across a page break); content that pdfkit wraps onto a new page stays part of it.
 */
export function mark(doc: PDFKit.PDFDocument, element: Element, draw: () => void): void {
  const content = doc.markStructureContent(types.get(element) ?? 'Span');
  draw();
  doc.endMarkedContent();
  // Added after drawing, so the pieces on pages that wrapping opened are registered with the element too.
  element.add(content);
}

/** A complete element of one piece of content: a heading, a paragraph, a cell. */
export function leaf(doc: PDFKit.PDFDocument, parent: Element, type: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}): Element {
  const element = open(doc, parent, type, options);
  mark(doc, element, draw);
  element.end();
  return element;
}

/** Lines, boxes and page furniture: drawn, but no part of what a screen reader reads. */
export function artifact(doc: PDFKit.PDFDocument, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout', attached?: ('Top' | 'Bottom')[]): void {
  doc.markContent('Artifact', attached ? { type, attached } : { type });
  draw();
  doc.endMarkedContent();
}

/** Starts a new page unless `height` still fits above the bottom margin; true when it did. */
export function keepSpace(doc: PDFKit.PDFDocument, height: number): boolean {
  if (doc.y + height <= area.bottom || doc.y <= area.top + 1) return false;
  doc.addPage();
  return true;
}

/**
 * Writes what every page carries once the pages are counted: `draw` gets the page's number and the count and
 * draws into the margins, which are lifted meanwhile (text there would otherwise open a page of its own).
 */
export function paginate(doc: PDFKit.PDFDocument, draw: (page: number, pages: number) => void): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = 0; index < count; index += 1) {
    doc.switchToPage(start + index);
    const margins = { ...doc.page.margins };
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    artifact(doc, () => draw(index + 1, count), 'Pagination');
    doc.page.margins = margins;
  }
}

/**
 * Breaks a text into lines of at most `width` in the current font, as a hand would fill the lines of a box:
 * at spaces, at line breaks of its own, and within a word only when the word alone is too long.
 */
export function wrapLines(doc: PDFKit.PDFDocument, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (doc.widthOfString(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (doc.widthOfString(rest) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && doc.widthOfString(rest.slice(0, cut)) > width) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}
