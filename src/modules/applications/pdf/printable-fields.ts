import { formatPhone } from '#kernel/forms/phone.ts';
import { rowHeading } from '../definition/answer-rows.ts';
import { isAddressAnswer, isGroupRows, type AnswerValue } from '../definition/answers.ts';
import type { FormDefinition, GroupField, LeafField, Text } from '../definition/schema.ts';
import { conditionInWords, type ConditionLabels } from './condition-words.ts';
import { cellRow, characterBoxes, pitch, ruledBox, tickList, tickRow, type Frame } from './printable-areas.ts';
import { artifact, colours, keepSpace, leaf, mm, open, type Language } from './tagged.ts';

type Element = PDFKit.PDFStructureElement;

export interface FieldLabels {
  /** Beside the label of a question that must be answered: "Pflichtangabe". */
  required: string;
  yes: string;
  no: string;
  /** Under the options of a radio or select: "Bitte kreuzen Sie eines an." */
  chooseOne: string;
  /** Under the options of checkboxes: "Sie können mehrere ankreuzen." */
  chooseAny: string;
  /** Beside the boxes of a date: "TT.MM.JJJJ". */
  dateFormat: string;
  /** What a file field asks for on paper: "Bitte legen Sie bei: {{what}}". */
  enclose: (what: string) => string;
  address: { street: string; houseNumber: string; postcode: string; town: string };
  /** Under a group's rows when more are allowed than printed: "Mehr als 4? Bitte auf einem eigenen Blatt beilegen." */
  moreRows: (printed: number, max: number) => string;
  condition: ConditionLabels;
}

/** What every part of the printed form reads from: the document, its language and the definition's texts. */
export interface Sheet {
  doc: PDFKit.PDFDocument;
  definition: FormDefinition;
  lang: Language;
  easy: boolean;
  labels: FieldLabels;
  /** A text of the definition in the reader's language, with the language it fell back to when not. */
  text(text: Text): { text: string; lang?: string };
}

/** Row blocks printed for a group that allows more: enough for most, few enough to keep the form short. */
const printedRows = 4;

/** A question: its condition as an instruction, its label, its hint and the place to answer it. */
export function printField(sheet: Sheet, parent: Element, field: LeafField, value: AnswerValue | undefined, frame: Frame): void {
  const { doc, labels } = sheet;
  const element = open(doc, parent, 'Div');
  const label = sheet.text(field.label);
  const hint = field.hint ? sheet.text(field.hint) : null;
  const condition = field.when ? conditionInWords(field.when, { ...sheet, labels: labels.condition, yes: labels.yes, no: labels.no }) : null;
  const heading = field.type === 'file' ? labels.enclose(label.text) : label.text;

  // The question stays on the page where its first line to write on is.
  doc.font('bold').fontSize(11);
  let head = doc.heightOfString(heading, { width: frame.width }) + mm(3);
  if (condition) head += doc.fontSize(10).heightOfString(condition, { width: frame.width }) + mm(1);
  if (hint) head += doc.font('regular').fontSize(9.5).heightOfString(hint.text, { width: frame.width });
  keepSpace(doc, head + pitch + mm(4));
  doc.y += mm(3);

  if (condition) instruction(doc, element, condition, frame);
  leaf(
    doc,
    element,
    'P',
    () => {
      doc.font('bold').fontSize(11).fillColor(colours.text).text(heading, frame.x, doc.y, { width: frame.width, continued: Boolean(field.required) });
      if (field.required) doc.font('regular').text(`  (${labels.required})`);
    },
    label.lang ? { lang: label.lang } : {},
  );
  if (hint) leaf(doc, element, 'P', () => doc.font('regular').fontSize(9.5).fillColor(colours.muted).text(hint.text, frame.x, doc.y, { width: frame.width }), hint.lang ? { lang: hint.lang } : {});
  doc.y += mm(1.5);
  answerArea(sheet, element, field, value, frame);
  element.end();
}

function answerArea(sheet: Sheet, element: Element, field: LeafField, value: AnswerValue | undefined, frame: Frame): void {
  const { doc, labels } = sheet;
  const text = typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? new Intl.NumberFormat(sheet.lang === 'de' ? 'de-DE' : 'en-GB').format(value) : null;
  switch (field.type) {
    case 'phone':
      return ruledBox(doc, element, text === null ? null : formatPhone(text), 1, frame);
    case 'text':
    case 'email':
    case 'licencePlate':
      return ruledBox(doc, element, text, field.maxLength && field.maxLength > 90 ? Math.min(3, Math.ceil(field.maxLength / 90)) : 1, frame);
    case 'textarea':
      return ruledBox(doc, element, text, Math.min(8, Math.max(3, Math.ceil((field.maxLength ?? 600) / 90))), frame);
    case 'number':
      return ruledBox(doc, element, text, 1, { x: frame.x, width: Math.min(frame.width, mm(60)) });
    case 'date': {
      keepSpace(doc, pitch + mm(2));
      const [year, month, day] = typeof value === 'string' ? value.split('-') : [];
      const filled = year && month && day ? { chars: `${day}${month}${year}`, actual: `${day}.${month}.${year}` } : null;
      const top = doc.y;
      const end = characterBoxes(doc, element, [2, 2, 4], filled, frame.x, mm(62), '.');
      leaf(doc, element, 'P', () => doc.font('regular').fontSize(9).fillColor(colours.muted).text(`(${labels.dateFormat})`, end + mm(4), top + pitch - mm(5.6), { width: frame.x + frame.width - end - mm(4), lineBreak: false }));
      doc.y = top + pitch + mm(1);
      return;
    }
    case 'iban': {
      keepSpace(doc, pitch + mm(2));
      const compact = typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : '';
      const length = Math.max(22, compact.length);
      const groups = Array.from({ length: Math.ceil(length / 4) }, (_, index) => Math.min(4, length - index * 4));
      const top = doc.y;
      characterBoxes(doc, element, groups, compact ? { chars: compact, actual: compact.replace(/(.{4})(?=.)/g, '$1 ') } : null, frame.x, frame.width);
      doc.y = top + pitch + mm(1);
      return;
    }
    case 'address': {
      const address = isAddressAnswer(value) ? value : null;
      const { street, houseNumber, postcode, town } = labels.address;
      cellRow(doc, element, [{ caption: street, width: frame.width - mm(44), value: address?.street ?? null }, { caption: houseNumber, width: mm(40), value: address?.houseNumber ?? null }], frame);
      cellRow(doc, element, [{ caption: postcode, width: mm(38), value: address?.postcode ?? null, chars: 5 }, { caption: town, width: frame.width - mm(42), value: address?.town ?? null }], frame);
      return;
    }
    case 'select':
    case 'radio':
    case 'checkboxes': {
      const chosen: readonly unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
      const ticks = (field.options ?? []).map((option) => {
        const label = sheet.text(option.label);
        const hint = option.hint ? sheet.text(option.hint).text : undefined;
        return { label: label.text, ...(hint ? { hint } : {}), ...(label.lang ? { lang: label.lang } : {}), ticked: chosen.includes(option.value) };
      });
      leaf(doc, element, 'P', () => doc.font('regular').fontSize(9).fillColor(colours.muted).text(field.type === 'checkboxes' ? labels.chooseAny : labels.chooseOne, frame.x, doc.y, { width: frame.width }));
      return tickList(doc, element, ticks, frame);
    }
    case 'checkbox':
      return tickRow(doc, element, [{ label: labels.yes, ticked: value === true }, { label: labels.no, ticked: value === false }], frame);
    case 'file':
      // On paper the document itself comes with the form; the label already says what to enclose.
      return;
  }
}

/** A group's questions once per row: as many row blocks as allowed (up to four), more when more were filled in. */
export function printGroup(sheet: Sheet, parent: Element, group: GroupField, value: AnswerValue | undefined, frame: Frame): void {
  const { doc, labels } = sheet;
  const section = open(doc, parent, 'Sect');
  const label = sheet.text(group.label);
  doc.font('bold').fontSize(12);
  keepSpace(doc, doc.heightOfString(label.text, { width: frame.width }) + mm(40));
  doc.y += mm(4);
  leaf(doc, section, 'H3', () => doc.fillColor(colours.text).text(label.text, frame.x, doc.y, { width: frame.width }), label.lang ? { lang: label.lang } : {});
  if (group.when) instruction(doc, section, conditionInWords(group.when, { ...sheet, labels: labels.condition, yes: labels.yes, no: labels.no }), frame);
  if (group.hint) {
    const hint = sheet.text(group.hint);
    leaf(doc, section, 'P', () => doc.font('regular').fontSize(9.5).fillColor(colours.muted).text(hint.text, frame.x, doc.y, { width: frame.width }), hint.lang ? { lang: hint.lang } : {});
  }
  const rows = isGroupRows(value) ? value : [];
  const count = Math.max(Math.min(group.max, printedRows), rows.length);
  const itemLabel = sheet.text(group.itemLabel);
  const inner = { x: frame.x + mm(5), width: frame.width - mm(5) };
  for (let index = 0; index < count; index += 1) {
    const row = open(doc, section, 'Sect');
    doc.font('bold').fontSize(11);
    keepSpace(doc, mm(30));
    doc.y += mm(4);
    const top = doc.y;
    artifact(doc, () => doc.save().lineWidth(2).strokeColor(colours.rule).moveTo(frame.x + mm(1), top).lineTo(frame.x + mm(1), top + mm(6)).stroke().restore());
    const heading = rowHeading(itemLabel.text, index + 1);
    leaf(doc, row, 'H4', () => doc.fillColor(colours.text).text(heading, inner.x, top, { width: inner.width }), itemLabel.lang ? { lang: itemLabel.lang } : {});
    for (const field of group.fields) printField(sheet, row, field, rows[index]?.[field.id], inner);
    row.end();
  }
  if (group.max > count) {
    doc.font('regular').fontSize(9.5);
    const note = labels.moreRows(count, group.max);
    keepSpace(doc, doc.heightOfString(note, { width: frame.width }) + mm(3));
    doc.y += mm(3);
    leaf(doc, section, 'P', () => doc.fillColor(colours.text).text(note, frame.x, doc.y, { width: frame.width }));
  }
  section.end();
}

/** "Nur ausfüllen, wenn …": set off by a bar at its side, as a note to the person filling in. */
export function instruction(doc: PDFKit.PDFDocument, parent: Element, text: string, frame: Frame): void {
  doc.font('bold').fontSize(10);
  const height = doc.heightOfString(text, { width: frame.width - mm(4) });
  keepSpace(doc, height + mm(2));
  const top = doc.y;
  artifact(doc, () => doc.save().rect(frame.x, top, mm(1.2), height).fill(colours.rule).restore());
  leaf(doc, parent, 'P', () => doc.font('bold').fontSize(10).fillColor(colours.text).text(text, frame.x + mm(4), top, { width: frame.width - mm(4) }));
  doc.y += mm(1);
}
