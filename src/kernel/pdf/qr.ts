import { loadOnce } from '../lazy.ts';

const qr = loadOnce(() => import('qr').then((module) => module.encodeQR));

export type DrawQrCode = (doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) => void;

/** The quiet zone of four light modules around a code that the QR standard asks for. */
const quietZone = 4;

/**
 * Draws a QR code as vector squares (sharp at any printer resolution, no image embedded), with the quiet
 * zone of four modules the standard asks for so scanners find it next to text. The encoder loads on first use.
 */
export async function qrCodeDrawer(): Promise<DrawQrCode> {
  const encodeQR = await qr();
  // One byte segment (UTF-8) for the whole text, error correction level M. The encoder still picks the best of
  // the eight masks by the standard's penalty rules, scoring them on bit-packed rows: a seventh of the time of
  // the encoder the letters used before, which scored them module by module. It returns the modules with a
  // border of at least one; the quiet zone is left to the drawing.
  return (doc, text, x, y, size) => drawModules(encodeQR(text, 'raw', { ecc: 'medium', encoding: 'byte', border: 1 }), 1, doc, x, y, size);
}

/**
 * One rectangle per horizontal run of dark modules, in module units under one transform: a code has some
 * 700 dark modules but half as many runs, and short whole numbers make a content stream a seventh the size
 * of one with a square and four decimals per module: less to write and to compress. The rectangles go to
 * the page as one piece, the same operators `doc.rect` would write one call at a time.
 */
function drawModules(rows: readonly (readonly boolean[])[], border: number, doc: PDFKit.PDFDocument, x: number, y: number, size: number): void {
  const modules = rows.length - 2 * border;
  const cell = size / (modules + 2 * quietZone);
  const rectangles: string[] = [];
  for (let row = 0; row < modules; row += 1) {
    const line = rows[row + border]!;
    let column = 0;
    while (column < modules) {
      if (!line[column + border]) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < modules && line[column + border]) column += 1;
      rectangles.push(`${start} ${row} ${column - start} 1 re`);
    }
  }
  doc.save();
  doc.transform(cell, 0, 0, cell, x + quietZone * cell, y + quietZone * cell);
  if (rectangles.length > 0) doc.addContent(rectangles.join('\n'));
  doc.fill('#000000');
  doc.restore();
}
