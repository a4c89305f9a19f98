import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Font, GlyphRun } from 'fontkit';

const kernelDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// KERN ships Fira Sans only as WOFF2, which pdfkit cannot subset; the same typeface as TrueType comes from
// this package (SIL Open Font License), with the full Latin, Greek and Cyrillic character set.
const fontDir = path.resolve(kernelDir, '../../node_modules/@expo-google-fonts/fira-sans');

export interface PdfFonts {
  regular: Font;
  bold: Font;
}

/**
 * Words shaped once per process and font. Bounded, as names and references in letters keep coming; they
 * are single words in memory only, with nothing that links them to each other or to a person.
 */
const shapedWordsKept = 10_000;

/**
 * Shaping a word (kerning and ligatures from the font's layout tables) is most of what laying out a letter
 * costs, and pdfkit forgets its shaped words with each document. The font keeps them instead, across the
 * documents of the process. pdfkit scales the positions it is given in place, so each caller gets its own
 * copy of them; glyphs are fontkit's own shared objects, which nobody changes.
 */
function rememberShapedWords(font: Font): Font {
  const shape = font.layout.bind(font);
  const shaped = new Map<string, GlyphRun>();
  const copy = (run: GlyphRun): GlyphRun =>
    Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run, {
      glyphs: [...run.glyphs],
      positions: run.positions.map((position) => Object.assign(Object.create(Object.getPrototypeOf(position) as object) as object, position)),
    });
  font.layout = (text, ...rest) => {
    if (rest.some((argument) => argument !== undefined)) return shape(text, ...rest);
    let run = shaped.get(text);
    if (!run) {
      run = shape(text);
      if (shaped.size >= shapedWordsKept) shaped.delete(shaped.keys().next().value!);
      shaped.set(text, run);
    }
    return copy(run);
  };
  return font;
}

/**
 * fontkit keeps one glyph object per glyph for the life of the font, and these fonts live as long as the
 * process. A subset includes the glyphs a drawn glyph is built from (a colon from two periods) and makes
 * them without their character; a later document drawing such a glyph by itself would map it to no
 * character, and a screen reader or a search would skip every such period. Made first, each with its
 * character, the glyphs keep it.
 */
function glyphsWithCharacters(font: Font): Font {
  for (const codePoint of font.characterSet) {
    const glyph = font.glyphForCodePoint(codePoint) as { codePoints: number[] };
    if (glyph.codePoints.length === 0) glyph.codePoints = [codePoint];
  }
  return font;
}

let loaded: Promise<PdfFonts> | undefined;

/**
 * Fira Sans, the typeface of the KERN design system, for pdfkit to embed (subset) in every document. Parsed
 * once per process: parsing a font and decoding its layout tables again for every document took most of
 * the time of a batch of letters. Documents only read a parsed font, synchronously, and each makes its own
 * subset of it, so documents rendered at the same time can share it.
 */
export function pdfFonts(): Promise<PdfFonts> {
  loaded ??= (async () => {
    const [{ create }, regular, bold] = await Promise.all([
      import('fontkit'),
      fs.readFile(path.join(fontDir, '400Regular/FiraSans_400Regular.ttf')),
      fs.readFile(path.join(fontDir, '600SemiBold/FiraSans_600SemiBold.ttf')),
    ]);
    const parse = (file: Buffer) => {
      const font = create(file);
      if (!('layout' in font)) throw new Error('Expected a single font, not a collection');
      return rememberShapedWords(glyphsWithCharacters(font));
    };
    return { regular: parse(regular), bold: parse(bold) };
  })();
  // A failed load (a missing file) is not kept: the next letter tries again instead of failing forever.
  loaded.catch(() => (loaded = undefined));
  return loaded;
}
