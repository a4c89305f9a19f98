/** What one drawing call wrote to its page, and where it left the cursor. */
interface Drawn {
  operators: string[];
  /** The operators as the bytes a page's content takes, made when the call is first drawn again. */
  bytes?: Uint8Array;
  /** The fonts the operators select, with the document's reference of each, for the page's resources. */
  fonts: [id: string, ref: unknown][];
  x: number;
  y: number;
}

/** Draws `draw` under `key`, or writes again what the same call wrote earlier in the same document. */
export type Repeat = (key: string, draw: () => void) => void;

const selectsFont = /^\/(\S+) \S+ Tf$/;

/**
 * The parts of a batch that every letter has (letterhead, return address, labels, footer, page numbers,
 * the paragraphs of a template) are laid out once per document and written again for the next letter:
 * pdfkit's line breaking and shaping of a paragraph cost far more than writing its operators. A call is
 * only repeated under the same key, which must name everything its output depends on (font, size, text,
 * position, options, the page's bottom margin); the document's fonts and their subsets are the same for
 * all its pages, so the same call gives the same operators on every page. A call that opened a new page
 * is not kept, as repeating it could not open one.
 */
export function repeater(doc: PDFKit.PDFDocument): Repeat {
  const drawn = new Map<string, Drawn>();
  return (key, draw) => {
    const earlier = drawn.get(key);
    if (earlier) {
      // The bytes pdfkit itself makes of operators (each one and a line feed, in the Latin-1 range); a page
      // takes bytes as they are, so the kept operators cost one call and no conversion when written again.
      earlier.bytes ??= Buffer.from(`${earlier.operators.join('\n')}\n`, 'latin1');
      const fonts = doc.page.fonts as Record<string, unknown>;
      for (const [id, ref] of earlier.fonts) fonts[id] ??= ref;
      doc.addContent(earlier.bytes);
      doc.x = earlier.x;
      doc.y = earlier.y;
      return;
    }
    const page = doc.page;
    const operators: string[] = [];
    const addContent = doc.addContent.bind(doc);
    // Listens to what the call writes, through the document's own method, which the delete below brings back.
    doc.addContent = (operator: string) => {
      operators.push(operator);
      return addContent(operator);
    };
    try {
      draw();
    } finally {
      delete (doc as Partial<PDFKit.PDFDocument>).addContent;
    }
    if (doc.page !== page) return;
    const fonts = doc.page.fonts as Record<string, unknown>;
    const ids = new Set(operators.map((operator) => selectsFont.exec(operator)?.[1]).filter((id) => id !== undefined));
    drawn.set(key, { operators, fonts: [...ids].map((id) => [id, fonts[id]]), x: doc.x, y: doc.y });
  };
}
