import { area, artifact, colours, keepSpace, leaf, mm, open, paginate, taggedDocument, type Language } from './tagged.ts';

type Element = PDFKit.PDFStructureElement;

/** A receipt, every text already in the reader's language: the layout knows no words of its own. */
export interface ReceiptInput {
  lang: Language;
  /** Letterhead, e.g. "Stadt Erkelenz". */
  city: string;
  /** "Eingangsbestätigung: Hundesteuer-Anmeldung" */
  title: string;
  /** "A-7K3M-Q9TX-4", printed large. */
  reference: string;
  /** The reference spelled for the phone ("A – sieben – K …"). */
  spelled: string;
  /** When it arrived, already formatted. */
  submittedAt: string;
  /** Office, channel, applicant, … */
  facts: { label: string; value: string }[];
  /** The answers page by page; a row's lines are one answer (an address, the rows of a group). */
  sections: { title: string; rows: { label: string; text: string[] }[] }[];
  nextSteps: string;
  /** Small print at the bottom of every page. */
  footer: string[];
  /** `submittedAt` labels the date in the table of facts; without it the date stands alone, as a letter's does. */
  labels: { page: (page: number, pages: number) => string; answers: string; nextSteps: string; reference: string; submittedAt?: string };
}

const labelWidth = mm(58);
const valueX = area.left + labelWidth + mm(5);
const valueWidth = area.right - valueX;
const cellPadding = mm(1.8);

/**
 * The receipt of a submitted application as a tagged PDF: the reference large and spelled out, the facts
 * and every answer as tables (a header cell per row, so a screen reader reads each answer with its
 * question), then what happens next. Every page carries the reference and its number.
 */
export async function receiptPdf(input: ReceiptInput): Promise<Buffer> {
  const { doc, root, finish } = await taggedDocument({ title: input.title, author: input.city, lang: input.lang });
  leaf(doc, root, 'P', () => doc.font('bold').fontSize(14).fillColor(colours.text).text(input.city, area.left, mm(16), { width: area.width }));
  const { submittedAt } = input.labels;
  if (!submittedAt) leaf(doc, root, 'P', () => doc.font('regular').fontSize(10).text(input.submittedAt, area.left, mm(17), { width: area.width, align: 'right' }));
  leaf(doc, root, 'H1', () => doc.font('bold').fontSize(17).text(input.title, area.left, doc.y + mm(4), { width: area.width }));
  doc.y += mm(5);
  referenceBox(doc, root, input);
  doc.y += mm(5);
  table(doc, root, [...(submittedAt ? [{ label: submittedAt, text: [input.submittedAt] }] : []), ...input.facts.map(({ label, value }) => ({ label, text: [value] }))]);

  heading(doc, root, 'H2', input.labels.answers, 13);
  for (const section of input.sections) {
    const part = open(doc, root, 'Sect');
    heading(doc, part, 'H3', section.title, 11.5);
    table(doc, part, section.rows);
    part.end();
  }

  heading(doc, root, 'H2', input.labels.nextSteps, 13);
  leaf(doc, root, 'P', () => doc.font('regular').fontSize(10.5).fillColor(colours.text).text(input.nextSteps, area.left, doc.y, { width: area.width, lineGap: 1.5 }));

  paginate(doc, (page, pages) => {
    if (page > 1) {
      const running = `${input.title} · ${input.labels.reference}: ${input.reference}`;
      doc.font('regular').fontSize(8).fillColor(colours.muted).text(running, area.left, mm(10), { width: area.width, height: doc.currentLineHeight(), ellipsis: true });
    }
    doc.font('regular').fontSize(8.5).fillColor(colours.text).text(input.labels.page(page, pages), area.left, mm(275), { width: area.width, align: 'right' });
    doc.font('regular').fontSize(7).fillColor(colours.muted).text(input.footer.join('  ·  '), area.left, mm(280), { width: area.width });
  });
  return finish();
}

function referenceBox(doc: PDFKit.PDFDocument, parent: Element, input: ReceiptInput) {
  keepSpace(doc, mm(36));
  const top = doc.y;
  const inner = { x: area.left + mm(5), width: area.width - mm(10) };
  const block = open(doc, parent, 'Div');
  leaf(doc, block, 'P', () => doc.font('regular').fontSize(9.5).fillColor(colours.muted).text(input.labels.reference, inner.x, top + mm(4), inner));
  leaf(doc, block, 'P', () => doc.font('bold').fontSize(24).fillColor(colours.text).text(input.reference, inner.x, doc.y + mm(1), { ...inner, characterSpacing: 1.5 }));
  leaf(doc, block, 'P', () => doc.font('regular').fontSize(9.5).fillColor(colours.text).text(input.spelled, inner.x, doc.y + mm(1), inner));
  block.end();
  const bottom = doc.y + mm(4);
  artifact(doc, () => doc.save().lineWidth(1).strokeColor(colours.rule).rect(area.left, top, area.width, bottom - top).stroke().restore());
  doc.y = bottom;
}

function heading(doc: PDFKit.PDFDocument, parent: Element, type: 'H2' | 'H3', text: string, size: number) {
  doc.font('bold').fontSize(size);
  // A heading stays with the start of what it heads.
  keepSpace(doc, mm(6) + doc.heightOfString(text, { width: area.width }) + mm(12));
  leaf(doc, parent, type, () => doc.fillColor(colours.text).text(text, area.left, doc.y + mm(type === 'H2' ? 6 : 3.5), { width: area.width }));
  doc.y += mm(1.5);
}

/** Two columns, question and answer; a long answer continues on the next page rather than being cut. */
function table(doc: PDFKit.PDFDocument, parent: Element, rows: readonly { label: string; text: readonly string[] }[]) {
  const element = open(doc, parent, 'Table');
  separator(doc);
  for (const row of rows) {
    doc.font('bold').fontSize(10);
    const labelHeight = doc.heightOfString(row.label, { width: labelWidth });
    doc.font('regular').fontSize(10.5);
    const valueHeight = row.text.reduce((sum, line) => sum + doc.heightOfString(line, { width: valueWidth }), 0);
    const height = Math.max(labelHeight, valueHeight) + 2 * cellPadding;
    // A row that fits on a page is kept whole; a longer one starts where its question fits.
    keepSpace(doc, height <= area.bottom - area.top ? height : labelHeight + 2 * cellPadding);
    const top = doc.y + cellPadding;
    const firstPage = doc.bufferedPageRange().count;
    const tr = open(doc, element, 'TR');
    leaf(doc, tr, 'TH', () => doc.font('bold').fontSize(10).fillColor(colours.text).text(row.label, area.left, top, { width: labelWidth }), { scope: 'Row' });
    const labelBottom = doc.y;
    leaf(doc, tr, 'TD', () => {
      doc.font('regular').fontSize(10.5);
      doc.y = top;
      for (const line of row.text) doc.text(line, valueX, doc.y, { width: valueWidth });
    });
    tr.end();
    doc.y = (doc.bufferedPageRange().count === firstPage ? Math.max(labelBottom, doc.y) : doc.y) + cellPadding;
    separator(doc);
  }
  element.end();
}

function separator(doc: PDFKit.PDFDocument) {
  artifact(doc, () => doc.save().lineWidth(0.4).strokeColor(colours.rule).moveTo(area.left, doc.y).lineTo(area.right, doc.y).stroke().restore());
}
