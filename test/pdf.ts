import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfFont {
  /** The font's name as the file stores it; a subset carries a six-letter prefix (`ABCDEF+FiraSans-Regular`). */
  name: string;
  /** The font program is inside the file, so a print shop needs no fonts of its own. */
  embedded: boolean;
}

export interface ReadPdf {
  pages: number;
  /** The document information dictionary (Title, Author, …). */
  info: Record<string, unknown>;
  /** Text of the pages first to last (1-based, inclusive), line by line in reading order. */
  text(first: number, last?: number): Promise<string>;
  /** Every font used on any page. */
  fonts(): Promise<PdfFont[]>;
}

interface TextItem {
  str: string;
  transform: number[];
  hasEOL?: boolean;
}

/**
 * Reads a PDF with Mozilla's PDF.js, in JavaScript, so tests run on a machine that has Node.js and nothing
 * else. Text comes back as lines: items on one baseline are joined, lines ordered top to bottom.
 */
export async function readPdf(content: Uint8Array): Promise<ReadPdf> {
  const document = await getDocument({ data: new Uint8Array(content), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const metadata = await document.getMetadata();

  const pageText = async (number: number) => {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    const lines = new Map<number, { x: number; str: string }[]>();
    for (const item of content.items as TextItem[]) {
      if (!('str' in item) || item.str === '') continue;
      const y = Math.round(item.transform[5]!);
      const line = lines.get(y) ?? [];
      line.push({ x: item.transform[4]!, str: item.str });
      lines.set(y, line);
    }
    return [...lines.entries()]
      .sort(([a], [b]) => b - a)
      .map(([, items]) => items.sort((a, b) => a.x - b.x).map((item) => item.str).join(' ').replace(/\s+/g, ' ').trim())
      .join('\n');
  };

  return {
    pages: document.numPages,
    info: metadata.info as Record<string, unknown>,
    async text(first, last = first) {
      const parts: string[] = [];
      for (let number = first; number <= last; number += 1) parts.push(await pageText(number));
      return parts.join('\n');
    },
    async fonts() {
      const found = new Map<string, PdfFont>();
      for (let number = 1; number <= document.numPages; number += 1) {
        const page = await document.getPage(number);
        const operators = await page.getOperatorList();
        for (let index = 0; index < operators.fnArray.length; index += 1) {
          if (operators.fnArray[index] !== OPS.setFont) continue;
          const id = (operators.argsArray[index] as [string])[0];
          const font = page.commonObjs.get(id) as { name?: string; loadedName?: string; missingFile?: boolean };
          const name = font.name ?? font.loadedName ?? id;
          found.set(name, { name, embedded: font.missingFile === false });
        }
      }
      return [...found.values()];
    },
  };
}
