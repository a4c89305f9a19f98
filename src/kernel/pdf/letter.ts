import { pdfkit } from '../lazy.ts';
import { bytesOf } from './bytes.ts';
import { pdfFonts } from './fonts.ts';
import { qrCodeDrawer, type DrawQrCode } from './qr.ts';
import { repeater, type Repeat } from './repeat.ts';

/** Millimetres to PDF points: DIN 5008 gives every position in millimetres. */
export const mm = (value: number) => (value * 72) / 25.4;

export type LetterBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

/** One letter, already in the recipient's language; the layout knows no texts of its own. */
export interface Letter {
  /** The sender's name at the top of the first page (letterhead). */
  letterhead: string;
  /** One line in small type above the address (Rücksendeangabe), so returned mail finds its way back. */
  returnAddress: string;
  /** Name and postal address, at most six lines. */
  recipient: string[];
  /** The information block beside the address: date, reference, contact. */
  info: { label: string; value: string }[];
  subject: string;
  blocks: LetterBlock[];
  /** Listed under the text as DIN 5008 "Anlagen". */
  attachments?: { heading: string; names: string[] };
  /** A code that opens the matter online, with a short caption under it. */
  qr?: { url: string; caption: string };
  /** Small print at the bottom of every page. */
  footer: string[];
  pageLabel: (page: number, pages: number) => string;
}

export interface RenderedLetters {
  pdf: Buffer;
  /** Pages of each letter, in order; the print service splits the batch by these. */
  pages: number[];
}

const text = { width: mm(165), lineGap: 1.5 };
const grey = '#4a4a4a';

/**
 * Renders letters in the DIN 5008 form B layout (address window 85 × 45 mm at 20 mm / 45 mm, information
 * block from 125 mm, text from 25 mm, fold and hole marks) into one PDF, each letter starting on a new
 * page and numbered on its own ("Seite 1 von 2"). Fonts are embedded, so the print service needs none.
 */
export async function renderLetters(letters: readonly Letter[], meta: { title: string; author: string; lang: string }): Promise<RenderedLetters> {
  if (letters.length === 0) throw new Error('No letters to render');
  // pdfkit, its font machinery and the QR encoder take a tenth of a second to load: only print runs need them.
  const [PDFDocument, drawQrCode, fonts] = await Promise.all([pdfkit(), qrCodeDrawer(), pdfFonts()]);
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    bufferPages: true,
    margins: { top: mm(20), bottom: mm(30), left: mm(25), right: mm(20) },
    info: { Title: meta.title, Author: meta.author, Creator: meta.author },
    lang: meta.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    // No default font: letters use only Fira Sans, and pdfkit would read Helvetica's metrics for every batch.
    font: '',
  });
  const finished = bytesOf(doc);
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);

  const write = writer(doc, repeater(doc));
  const ranges: { letter: Letter; first: number; count: number }[] = [];
  for (const letter of letters) {
    const first = doc.bufferedPageRange().count;
    doc.addPage();
    firstPage(doc, write, letter, drawQrCode);
    body(doc, write, letter);
    ranges.push({ letter, first, count: doc.bufferedPageRange().count - first });
  }
  for (const { letter, first, count } of ranges) {
    for (let page = 0; page < count; page += 1) {
      doc.switchToPage(first + page);
      footer(doc, write, letter, page + 1, count);
    }
  }
  doc.end();
  return { pdf: await finished, pages: ranges.map((range) => range.count) };
}

type Write = (font: 'regular' | 'bold', size: number, value: string, x: number, y: number, options: PDFKit.Mixins.TextOptions) => void;

/**
 * Sets the font and writes text as `doc.text` does; text that an earlier letter of the batch wrote in the
 * same place, font and size (the letterhead, labels, a template's paragraphs, the footer) is written again
 * without being laid out again.
 */
function writer(doc: PDFKit.PDFDocument, repeat: Repeat): Write {
  return (font, size, value, x, y, options) => {
    // The font stays selected for what follows (moveDown reads its line height), repeated or not.
    doc.font(font).fontSize(size);
    repeat(`${font}\n${size}\n${x}\n${y}\n${doc.page.margins.bottom}\n${JSON.stringify(options)}\n${value}`, () => doc.text(value, x, y, options));
  };
}

function firstPage(doc: PDFKit.PDFDocument, write: Write, letter: Letter, drawQrCode: DrawQrCode) {
  // Fold marks at 105 and 210 mm and the hole mark at 148.5 mm (form B), outside the printable text.
  doc.save().lineWidth(0.3).strokeColor(grey);
  for (const [y, length] of [[105, 5], [148.5, 8], [210, 5]] as const) doc.moveTo(mm(3), mm(y)).lineTo(mm(3 + length), mm(y)).stroke();
  doc.restore();

  doc.fillColor('#000000');
  write('bold', 16, letter.letterhead, mm(25), mm(18), { width: mm(100) });

  doc.fillColor(grey);
  write('regular', 7, letter.returnAddress, mm(25), mm(58), { width: mm(80), lineBreak: false, ellipsis: true });
  doc.save().lineWidth(0.3).strokeColor(grey).moveTo(mm(25), mm(61.5)).lineTo(mm(100), mm(61.5)).stroke().restore();
  doc.fillColor('#000000');
  letter.recipient.slice(0, 6).forEach((line, index) => {
    write('regular', 10, line, mm(25), mm(63.5) + index * mm(4.23), { width: mm(80), lineBreak: false, ellipsis: true });
  });

  const infoWidth = letter.qr ? mm(48) : mm(75);
  let y = mm(50);
  for (const { label, value } of letter.info) {
    doc.fillColor(grey);
    write('regular', 7.5, label, mm(125), y, { width: infoWidth });
    doc.fillColor('#000000');
    write('regular', 9.5, value, mm(125), doc.y, { width: infoWidth });
    y = doc.y + mm(1.5);
  }
  if (letter.qr) {
    drawQrCode(doc, letter.qr.url, mm(175), mm(48), mm(25));
    doc.fillColor(grey);
    write('regular', 6.5, letter.qr.caption, mm(175), mm(73.5), { width: mm(25), align: 'center' });
  }
}

function body(doc: PDFKit.PDFDocument, write: Write, letter: Letter) {
  doc.fillColor('#000000');
  write('bold', 11, letter.subject, mm(25), mm(98.5), text);
  doc.moveDown(1.2);
  doc.font('regular').fontSize(11);
  for (const block of letter.blocks) {
    if (block.kind === 'paragraph') {
      write('regular', 11, block.text, mm(25), doc.y, text);
    } else {
      for (const item of block.items) {
        const top = doc.y;
        write('regular', 11, '•', mm(27), top, { width: mm(4) });
        write('regular', 11, item, mm(31), top, { ...text, width: mm(159) });
      }
    }
    doc.moveDown(0.8);
  }
  if (letter.attachments && letter.attachments.names.length > 0) {
    doc.moveDown(0.5);
    write('bold', 11, letter.attachments.heading, mm(25), doc.y, text);
    for (const name of letter.attachments.names) write('regular', 11, name, mm(25), doc.y, text);
  }
}

function footer(doc: PDFKit.PDFDocument, write: Write, letter: Letter, page: number, pages: number) {
  // Text in the bottom margin would make pdfkit open a new page; the margin is lifted while the footer is drawn.
  const margin = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.fillColor('#000000');
  write('regular', 8.5, letter.pageLabel(page, pages), mm(25), mm(270), { width: mm(165), align: 'right' });
  doc.fillColor(grey);
  write('regular', 7, letter.footer.join('  ·  '), mm(25), mm(277), { width: mm(165), align: 'left' });
  doc.page.margins.bottom = margin;
}
