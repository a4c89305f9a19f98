import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrCodeDrawer } from './qr.ts';

describe('QR codes in PDFs', () => {
  it('covers exactly the dark modules of the code, each once, inside a quiet zone of four modules', async () => {
    const url = 'https://erkelenz.example/konto/nachrichten/0f3b9c2e-6d1a-4b7e-9c8d-1a2b3c4d5e6f';
    const doc = new PDFDocument({ compress: false, size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<string>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks).toString('latin1'))));
    const drawQrCode = await qrCodeDrawer();
    drawQrCode(doc, url, 100, 200, 82);
    doc.end();
    const content = await done;
    // The code as the standard encodes the address: one byte segment, error correction level M.
    const { modules } = QRCode.create([{ data: new TextEncoder().encode(url), mode: 'byte' }], { errorCorrectionLevel: 'M' });

    // The squares are drawn in module units; one transform scales them to the cell size and moves them past the quiet zone.
    const transforms = [...content.matchAll(/([\d.-]+) 0 0 ([\d.-]+) ([\d.-]+) ([\d.-]+) cm\n/g)].map((match) => match.slice(1).map(Number));
    const cell = 82 / (modules.size + 8);
    const [scaleX, scaleY, left, top] = transforms.find(([scale]) => Math.abs(scale! - cell) < 1e-3) ?? [];
    expect(scaleX).toBeCloseTo(cell, 3);
    expect(scaleY).toBeCloseTo(cell, 3);
    expect(left).toBeCloseTo(100 + 4 * cell, 3);
    expect(top).toBeCloseTo(200 + 4 * cell, 3);

    const rects = [...content.matchAll(/(\d+) (\d+) (\d+) (\d+) re\n/g)].map((match) => match.slice(1).map(Number) as [number, number, number, number]);
    const covered = Array.from({ length: modules.size }, () => new Array<number>(modules.size).fill(0));
    for (const [column, row, width, height] of rects) {
      for (let y = row; y < row + height; y += 1) for (let x = column; x < column + width; x += 1) covered[y]![x]! += 1;
    }
    let dark = 0;
    for (let row = 0; row < modules.size; row += 1) {
      for (let column = 0; column < modules.size; column += 1) {
        const isDark = modules.get(row, column) ? 1 : 0;
        dark += isDark;
        expect(covered[row]![column], `module ${row},${column}`).toBe(isDark);
      }
    }
    // Neighbouring dark modules of a row share one rectangle.
    expect(rects.length).toBeLessThan(dark * 0.7);
  });
});
