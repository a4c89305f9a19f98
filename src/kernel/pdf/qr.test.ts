import PDFDocument from 'pdfkit';
import { decodeQR } from 'qr/decode.js';
import { describe, expect, it } from 'vitest';
import { qrCodeDrawer } from './qr.ts';

/** Draws one code into an uncompressed PDF and returns its content, to read the operators back. */
async function drawn(url: string, x: number, y: number, size: number): Promise<string> {
  const doc = new PDFDocument({ compress: false, size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<string>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks).toString('latin1'))));
  const drawQrCode = await qrCodeDrawer();
  drawQrCode(doc, url, x, y, size);
  doc.end();
  return done;
}

/** The transform the rectangles of the code are drawn under: scale and offset of the modules. */
function codeTransform(content: string): [number, number, number, number] {
  const match = /([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm\n\d+ \d+ \d+ \d+ re\n/.exec(content);
  expect(match).not.toBeNull();
  return match!.slice(1).map(Number) as [number, number, number, number];
}

/** A picture (RGB) of the modules, with a quiet zone of `quiet` modules and `scale` pixels per module. */
function picture(dark: boolean[][], quiet: number, scale: number) {
  const width = (dark.length + 2 * quiet) * scale;
  const data = new Uint8Array(width * width * 3).fill(255);
  dark.forEach((row, y) =>
    row.forEach((isDark, x) => {
      if (!isDark) return;
      for (let dy = 0; dy < scale; dy += 1) {
        for (let dx = 0; dx < scale; dx += 1) data.fill(0, 3 * ((y + quiet) * scale + dy) * width + 3 * ((x + quiet) * scale + dx), 3 * ((y + quiet) * scale + dy) * width + 3 * ((x + quiet) * scale + dx) + 3);
      }
    }),
  );
  return { width, height: width, data };
}

describe('QR codes in PDFs', () => {
  it('draws a code that reads back as the address, error correction M, each dark module once, inside a quiet zone of four modules', async () => {
    const url = 'https://erkelenz.example/konto/nachrichten/0f3b9c2e-6d1a-4b7e-9c8d-1a2b3c4d5e6f';
    const content = await drawn(url, 100, 200, 82);

    // The squares are drawn in module units; one transform scales them to the cell size and moves them past the
    // quiet zone: the code fills the 82 points given less four cells on every side.
    const [cell, scaleY, left, top] = codeTransform(content);
    const size = Math.round(82 / cell - 8);
    // 79 bytes in one byte segment at level M take version 5 (84 bytes at most): 37 modules a side.
    expect(size).toBe(37);
    expect(cell).toBeCloseTo(82 / (size + 8), 3);
    expect(scaleY).toBeCloseTo(cell, 3);
    expect(left).toBeCloseTo(100 + 4 * cell, 3);
    expect(top).toBeCloseTo(200 + 4 * cell, 3);

    const rects = [...content.matchAll(/(\d+) (\d+) (\d+) (\d+) re\n/g)].map((match) => match.slice(1).map(Number) as [number, number, number, number]);
    const covered = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    for (const [column, row, width, height] of rects) {
      // Nothing is drawn outside the symbol, so the quiet zone stays light.
      expect(column + width).toBeLessThanOrEqual(size);
      expect(row + height).toBeLessThanOrEqual(size);
      for (let y = row; y < row + height; y += 1) for (let x = column; x < column + width; x += 1) covered[y]![x]! += 1;
    }
    expect(covered.flat().every((count) => count <= 1)).toBe(true);
    const dark = covered.map((row) => row.map((count) => count === 1));
    // Neighbouring dark modules of a row share one rectangle.
    expect(rects.length).toBeLessThan(dark.flat().filter(Boolean).length * 0.7);

    // A scanner reads the address back from a picture of what was drawn.
    expect(decodeQR(picture(dark, 4, 4))).toBe(url);
    // The format information beside the top-left finder pattern (ISO/IEC 18004, 7.9) names level M (bits 00).
    const cells = [...[0, 1, 2, 3, 4, 5, 7, 8].map((row) => [row, 8]), ...[7, 5, 4, 3, 2, 1, 0].map((column) => [8, column])] as [number, number][];
    const format = cells.reduce((bits, [row, column], index) => bits | (Number(dark[row]![column]) << index), 0) ^ 0x5412;
    expect(format >> 13).toBe(0);
  });

  it('reads back an address with characters beyond ASCII, one byte segment in UTF-8', async () => {
    const url = 'https://erkelenz.example/straßen/köln';
    const content = await drawn(url, 0, 0, 100);
    const [cell] = codeTransform(content);
    const size = Math.round(100 / cell - 8);
    const dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
    for (const [, column, row, width] of content.matchAll(/(\d+) (\d+) (\d+) 1 re\n/g)) {
      for (let x = Number(column); x < Number(column) + Number(width); x += 1) dark[Number(row)]![x] = true;
    }
    expect(decodeQR(picture(dark, 4, 3))).toBe(url);
  });
});
