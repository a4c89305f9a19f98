import type { Answers } from '../definition/answers.ts';
import { textIn } from '../definition/texts.ts';
import type { FormDefinition, Page, Text } from '../definition/schema.ts';
import { conditionInWords } from './condition-words.ts';
import { instruction, printField, printGroup, type FieldLabels, type Sheet } from './printable-fields.ts';
import { area, artifact, colours, keepSpace, languageTag, leaf, mm, open, paginate, taggedDocument, type Language } from './tagged.ts';

type Element = PDFKit.PDFStructureElement;

export interface PrintableLabels extends FieldLabels {
  page: (page: number, pages: number) => string;
  /** Above the address in the envelope's window: "Bitte senden Sie das ausgefüllte Formular an:" */
  sendTo: string;
  /** Before the first question: how required questions are marked and that the others may stay empty. */
  optionalHint: string;
  /** The heading of the declaration. */
  declaration: string;
  place: string;
  date: string;
  signature: string;
}

/** The paper twin of a form definition, every text already in the reader's language or in the definition. */
export interface PrintableInput {
  lang: Language;
  /** Leichte Sprache texts (`ls`) where the definition has them. */
  easy?: boolean;
  definition: FormDefinition;
  /** What was entered so far, written into the boxes; blank boxes where nothing is given. */
  answers?: Answers | null;
  /** The office's postal address, at most six lines, placed for a window envelope. */
  sendTo: string[];
  city: string;
  labels: PrintableLabels;
}

/** Widest title size that fits the letterhead above the window; a longer title moves below the address. */
const titleSizes = [18, 15, 13, 11];
const titleTop = mm(22);
const windowTop = mm(45);
const bodyTop = mm(98.5);

/**
 * A form definition as a tagged PDF to fill in by hand: the office's address where a window envelope shows
 * it (DIN 5008, form B), every page of the form as a section (its condition printed as an instruction, since
 * paper hides nothing), every question with a place to answer sized for handwriting, then the declaration
 * with lines for place, date and signature. With answers, what was entered stands in the boxes.
 */
export async function printableFormPdf(input: PrintableInput): Promise<Buffer> {
  const { lang, definition, labels } = input;
  const easy = input.easy === true;
  const text = (value: Text) => {
    const written = textIn(value, lang, easy);
    // A text the definition lacks in English is printed in German and declared so, for the screen reader's voice.
    return lang === 'en' && !value.en ? { text: written, lang: languageTag('de') } : { text: written };
  };
  const title = text(definition.title);
  const { doc, root, finish } = await taggedDocument({ title: title.text, author: input.city, lang });
  const sheet: Sheet = { doc, definition, lang, easy, labels, text };

  const titleBelow = letterhead(doc, root, input.city, title);
  window(doc, root, labels.sendTo, input.sendTo);
  doc.y = bodyTop;
  if (titleBelow) heading(doc, root, 'H1', title, 16);
  leaf(doc, root, 'P', () => doc.font('regular').fontSize(10).fillColor(colours.text).text(labels.optionalHint, area.left, doc.y, { width: area.width }));

  for (const page of definition.pages) section(sheet, root, page, input.answers ?? {});
  declaration(doc, root, text(definition.declaration), labels);

  paginate(doc, (page, pages) => {
    // One line of the title identifies a loose sheet; a long title is shortened there (it stands whole on page one).
    doc.font('regular').fontSize(8).fillColor(colours.muted).text(title.text, area.left, mm(278), { width: area.width - mm(32), height: doc.currentLineHeight(), ellipsis: true });
    doc.font('regular').fontSize(9).fillColor(colours.text).text(labels.page(page, pages), area.right - mm(30), mm(278), { width: mm(30), align: 'right', lineBreak: false });
  });
  return finish();
}

/** City and title above the window; false when the title is too long for that space and goes below. */
function letterhead(doc: PDFKit.PDFDocument, root: Element, city: string, title: { text: string; lang?: string }): boolean {
  leaf(doc, root, 'P', () => doc.font('bold').fontSize(12).fillColor(colours.text).text(city, area.left, mm(14), { width: area.width }));
  const size = titleSizes.find((candidate) => doc.font('bold').fontSize(candidate).heightOfString(title.text, { width: area.width }) <= windowTop - titleTop - mm(2));
  if (size === undefined) return true;
  leaf(doc, root, 'H1', () => doc.font('bold').fontSize(size).text(title.text, area.left, titleTop, { width: area.width }), title.lang ? { lang: title.lang } : {});
  return false;
}

/** The address where a window envelope shows it, and the fold and hole marks to fold the sheet by. */
function window(doc: PDFKit.PDFDocument, root: Element, sendTo: string, address: readonly string[]) {
  artifact(doc, () => {
    doc.save().lineWidth(0.3).strokeColor(colours.muted);
    for (const [y, length] of [[105, 5], [148.5, 8], [210, 5]] as const) doc.moveTo(mm(3), mm(y)).lineTo(mm(3 + length), mm(y)).stroke();
    doc.restore();
  });
  leaf(doc, root, 'P', () => doc.font('regular').fontSize(7.5).fillColor(colours.muted).text(sendTo, area.left, mm(57.5), { width: mm(80), lineBreak: false }));
  leaf(doc, root, 'P', () => {
    doc.font('regular').fontSize(10).fillColor(colours.text);
    address.slice(0, 6).forEach((line, index) => doc.text(index < Math.min(address.length, 6) - 1 ? `${line} ` : line, area.left, mm(63.5) + index * mm(4.23), { width: mm(80), lineBreak: false }));
  });
}

function heading(doc: PDFKit.PDFDocument, parent: Element, type: 'H1' | 'H2', text: { text: string; lang?: string }, size: number) {
  doc.font('bold').fontSize(size);
  keepSpace(doc, doc.heightOfString(text.text, { width: area.width }) + mm(45));
  const top = doc.y + mm(type === 'H2' ? 8 : 0);
  if (type === 'H2') artifact(doc, () => doc.save().lineWidth(1.2).strokeColor(colours.text).moveTo(area.left, top - mm(3)).lineTo(area.right, top - mm(3)).stroke().restore());
  leaf(doc, parent, type, () => doc.font('bold').fontSize(size).fillColor(colours.text).text(text.text, area.left, top, { width: area.width }), text.lang ? { lang: text.lang } : {});
  doc.y += mm(1.5);
}

function section(sheet: Sheet, root: Element, page: Page, answers: Answers) {
  const { doc } = sheet;
  const part = open(doc, root, 'Sect');
  heading(doc, part, 'H2', sheet.text(page.title), 14);
  const frame = { x: area.left, width: area.width };
  if (page.when) instruction(doc, part, conditionInWords(page.when, { ...sheet, labels: sheet.labels.condition, yes: sheet.labels.yes, no: sheet.labels.no }), frame);
  if (page.intro) {
    const intro = sheet.text(page.intro);
    leaf(doc, part, 'P', () => doc.font('regular').fontSize(10).fillColor(colours.text).text(intro.text, area.left, doc.y, { width: area.width }), intro.lang ? { lang: intro.lang } : {});
  }
  for (const field of page.fields) {
    if (field.type === 'group') printGroup(sheet, part, field, answers[field.id], frame);
    else printField(sheet, part, field, answers[field.id], frame);
  }
  part.end();
}

/** The declaration, then a line for place and date and one for the signature, with their captions under them. */
function declaration(doc: PDFKit.PDFDocument, root: Element, text: { text: string; lang?: string }, labels: PrintableLabels) {
  const part = open(doc, root, 'Sect');
  heading(doc, part, 'H2', { text: labels.declaration }, 14);
  doc.font('regular').fontSize(10.5);
  keepSpace(doc, doc.heightOfString(text.text, { width: area.width }) + mm(30));
  leaf(doc, part, 'P', () => doc.fillColor(colours.text).text(text.text, area.left, doc.y, { width: area.width, lineGap: 1.5 }), text.lang ? { lang: text.lang } : {});
  keepSpace(doc, mm(26));
  const line = doc.y + mm(18);
  const left = { x: area.left, width: mm(75) };
  const right = { x: area.left + mm(85), width: area.width - mm(85) };
  artifact(doc, () => {
    doc.save().lineWidth(0.8).strokeColor(colours.text);
    for (const column of [left, right]) doc.moveTo(column.x, line).lineTo(column.x + column.width, line).stroke();
    doc.restore();
  });
  for (const [column, caption] of [[left, `${labels.place}, ${labels.date}`], [right, labels.signature]] as const) {
    leaf(doc, part, 'P', () => doc.font('regular').fontSize(9).fillColor(colours.muted).text(caption, column.x, line + mm(1.5), { width: column.width }));
  }
  part.end();
}
