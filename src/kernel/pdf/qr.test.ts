import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrCodeDrawer } from './qr.ts';

describe('QR codes in PDFs', () => {
  it('draws every dark module of the code as a square, inside a quiet zone of four modules', async () => {
    const url = 'https://erkelenz.example/konto/nachrichten/0f3b9c2e-6d1a-4b7e-9c8d-1a2b3c4d5e6f';
    const doc = new PDFDocument({ compress: false, size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<string>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks).toString('latin1'))));
    const drawQrCode = await qrCodeDrawer();
    drawQrCode(doc, url, 100, 200, 82);
    doc.end();
    const content = await done;
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    let dark = 0;
    for (let row = 0; row < modules.size; row += 1) for (let column = 0; column < modules.size; column += 1) dark += modules.get(row, column);
    const squares = [...content.matchAll(/([\d.-]+) ([\d.-]+) ([\d.]+) ([\d.]+) re\n/g)].map((match) => match.slice(1).map(Number));
    expect(squares).toHaveLength(dark);
    const cell = 82 / (modules.size + 8);
    for (const [, , width, height] of squares) {
      expect(width).toBeCloseTo(cell, 3);
      expect(height).toBeCloseTo(cell, 3);
    }
    // The top-left finder pattern starts after the quiet zone.
    expect(Math.min(...squares.map(([x]) => x!))).toBeCloseTo(100 + 4 * cell, 3);
  });
});
