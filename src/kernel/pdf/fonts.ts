import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const kernelDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// KERN ships Fira Sans only as WOFF2, which pdfkit cannot subset; the same typeface as TrueType comes from
// this package (SIL Open Font License), with the full Latin, Greek and Cyrillic character set.
const fontDir = path.resolve(kernelDir, '../../node_modules/@expo-google-fonts/fira-sans');

export interface PdfFonts {
  regular: Buffer;
  bold: Buffer;
}

let loaded: Promise<PdfFonts> | undefined;

/** Fira Sans, the typeface of the KERN design system, for pdfkit to embed (subset) in every document. */
export function pdfFonts(): Promise<PdfFonts> {
  loaded ??= (async () => {
    const [regular, bold] = await Promise.all([
      fs.readFile(path.join(fontDir, '400Regular/FiraSans_400Regular.ttf')),
      fs.readFile(path.join(fontDir, '600SemiBold/FiraSans_600SemiBold.ttf')),
    ]);
    return { regular, bold };
  })();
  // A failed load (a missing file) is not kept: the next letter tries again instead of failing forever.
  loaded.catch(() => (loaded = undefined));
  return loaded;
}
