import { loadOnce } from '../lazy.ts';

const qrcode = loadOnce(() => import('qrcode').then((module) => module.default));

export type DrawQrCode = (doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) => void;

/**
 * Draws a QR code as vector squares (sharp at any printer resolution, no image embedded), with the quiet
 * zone of four modules the standard asks for so scanners find it next to text. The encoder loads on first use.
 */
export async function qrCodeDrawer(): Promise<DrawQrCode> {
  const QRCode = await qrcode();
  // One byte segment for the whole text: searching the cheapest mix of segment modes took half the time of
  // encoding, and the platform's addresses (lower-case letters throughout) fill the same symbol size either way.
  return (doc, text, x, y, size) => drawModules(QRCode.create([{ data: new TextEncoder().encode(text), mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules, doc, x, y, size);
}

/**
 * One rectangle per horizontal run of dark modules, in module units under one transform: a code has some
 * 700 dark modules but half as many runs, and short whole numbers make a content stream a seventh the size
 * of one with a square and four decimals per module: less to write and to compress.
 */
function drawModules(modules: { size: number; get(row: number, column: number): number | boolean }, doc: PDFKit.PDFDocument, x: number, y: number, size: number): void {
  const cell = size / (modules.size + 8);
  doc.save();
  doc.transform(cell, 0, 0, cell, x + 4 * cell, y + 4 * cell);
  for (let row = 0; row < modules.size; row += 1) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column += 1;
      doc.rect(start, row, column - start, 1);
    }
  }
  doc.fill('#000000');
  doc.restore();
}
