import { performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import { renderLetters, type Letter } from '#kernel/pdf/letter.ts';
import type { BenchCase, Rate } from '../case.ts';

const lettersPerBatch = 20;
const maxSeconds = 8;

const body = [
  'Guten Tag Hanna Schmitz,',
  'Ihr Antrag „Anwohnerparkausweis“ ist am 27. November 2026 um 10:30 Uhr bei uns eingegangen. Das Aktenzeichen lautet AN-2026-7K4M-Q9TX.',
  'Wir prüfen Ihre Angaben und melden uns, sobald es Neuigkeiten gibt. Den Stand können Sie jederzeit in Ihrem Konto sehen.',
  'Mit freundlichen Grüßen\nIhre Stadtverwaltung Erkelenz',
];

function letter(n: number): Letter {
  return {
    letterhead: 'Stadt Erkelenz',
    returnAddress: 'Stadt Erkelenz · Johannismarkt 17 · 41812 Erkelenz',
    recipient: [`Hanna Schmitz ${n}`, 'Kölner Straße 12a', '41812 Erkelenz'],
    info: [
      { label: 'Datum', value: '27.11.2026' },
      { label: 'Unser Zeichen', value: `N-2026-7K4M-${String(n).padStart(4, '0')}` },
      { label: 'Online', value: 'localhost:3000' },
    ],
    subject: 'Ihr Antrag „Anwohnerparkausweis“ ist eingegangen',
    blocks: body.map((text) => ({ kind: 'paragraph' as const, text })),
    qr: { url: `http://localhost:3000/konto/nachrichten/0f3b9c2e-6d1a-4b7e-9c8d-${String(n).padStart(12, '0')}`, caption: 'Online öffnen (nach Anmeldung)' },
    footer: ['Stadt Erkelenz', 'Johannismarkt 17, 41812 Erkelenz', 'Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.'],
    pageLabel: (page, pages) => `Seite ${page} von ${pages}`,
  };
}

/** The same text as a bare page in a built-in font: what pdfkit costs without layout, embedded font and QR code. */
function plainPages(count: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (let n = 0; n < count; n += 1) {
    doc.addPage();
    doc.font('Helvetica').fontSize(11);
    for (const text of [`Hanna Schmitz ${n}`, 'Kölner Straße 12a', '41812 Erkelenz', ...body]) doc.text(text, 70, doc.y + 6, { width: 470 });
  }
  doc.end();
  return done;
}

const warmUpBatches = 5;

/**
 * Renders batches of letters and of plain pages in turns for a while (one process, one core: rendering is CPU
 * work) and counts each side's pages over its own time: whatever else the machine does meanwhile falls on
 * both alike. Both sides first run a few batches untimed, so that neither is measured while being compiled.
 */
async function inTurns(sides: readonly ((count: number, batch: number) => Promise<Buffer>)[]): Promise<Rate[]> {
  for (let batch = 0; batch < warmUpBatches; batch += 1) for (const side of sides) await side(lettersPerBatch, batch);
  const spent = sides.map(() => 0);
  let batches = 0;
  const start = performance.now();
  for (; performance.now() - start < maxSeconds * 1000 && batches < 100; batches += 1) {
    for (const [index, side] of sides.entries()) {
      const began = performance.now();
      await side(lettersPerBatch, warmUpBatches + batches);
      spent[index]! += performance.now() - began;
    }
  }
  return spent.map((milliseconds) => ({ operations: batches * lettersPerBatch, seconds: milliseconds / 1000, perSecond: (batches * lettersPerBatch * 1000) / milliseconds }));
}

/** DIN 5008 letters as the print batch renders them, against plain pdfkit pages with the same text. */
export const notifyLettersCase: BenchCase = {
  name: 'notify: DIN 5008 letters (PDF) vs plain PDF pages',
  async run() {
    const din = (count: number, batch: number) =>
      renderLetters(Array.from({ length: count }, (_, i) => letter(batch * count + i)), { title: 'Druckstapel', author: 'Stadt Erkelenz', lang: 'de-DE' }).then((result) => result.pdf);
    // Warm-up: fonts parsed (once per process, as in the server), words shaped, JIT.
    const [letters, plain] = (await inTurns([din, (count) => plainPages(count)])) as [Rate, Rate];
    return {
      measured: { label: `DIN 5008 letter, Fira Sans parsed once per process and subset per batch, text shared with an earlier letter written again, QR per letter (batches of ${lettersPerBatch})`, rate: letters },
      baseline: { label: 'plain page, Helvetica, same text', rate: plain },
    };
  },
};
