export type DrawQrCode = (doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) => void;

/**
 * Draws a QR code as vector squares (sharp at any printer resolution, no image embedded), with the quiet
 * zone of four modules the standard asks for so scanners find it next to text. The encoder loads on first use.
 */
export async function qrCodeDrawer(): Promise<DrawQrCode> {
  const { default: QRCode } = await import('qrcode');
  return (doc, text, x, y, size) => drawModules(QRCode.create(text, { errorCorrectionLevel: 'M' }).modules, doc, x, y, size);
}

function drawModules(modules: { size: number; get(row: number, column: number): number | boolean }, doc: PDFKit.PDFDocument, x: number, y: number, size: number): void {
  const cell = size / (modules.size + 8);
  doc.save();
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column)) doc.rect(x + (column + 4) * cell, y + (row + 4) * cell, cell, cell);
    }
  }
  doc.fill('#000000');
  doc.restore();
}
