import { area, artifact, colours, keepSpace, leaf, mark, mm, open, wrapLines } from './tagged.ts';

/*
 * The places a person writes on the paper form: ruled boxes, a box per character, boxes to tick. Each is
 * drawn as page furniture (an artifact) and what is already filled in is text of the structure, so a screen
 * reader reads the question, then the answer, and never the lines.
 */

type Element = PDFKit.PDFStructureElement;

/** Height of a line to write on by hand: 9 mm, more than the 8 mm older hands need. */
export const pitch = mm(9);
const tick = mm(5);
const valueSize = 11;

export interface Frame {
  x: number;
  width: number;
}

/** Text written into a box, in the colour of a pen, so it stands apart from the printed form. */
function writeValue(doc: PDFKit.PDFDocument, text: string, x: number, top: number, width: number, align: 'left' | 'center' = 'left') {
  doc.font('regular').fontSize(valueSize).fillColor(colours.filled).text(text, x, top + pitch - mm(6.2), { width, align, lineBreak: false });
}

/**
 * A box of ruled lines, at least `lines` of them, more when the value filled in needs more; split at page
 * ends into boxes of their own, so nothing written is cut off.
 */
export function ruledBox(doc: PDFKit.PDFDocument, parent: Element, value: string | null, lines: number, frame: Frame): void {
  doc.font('regular').fontSize(valueSize);
  const written = value ? wrapLines(doc, value, frame.width - mm(4)) : [];
  const total = Math.max(lines, written.length);
  const element = written.length > 0 ? open(doc, parent, 'P') : null;
  let index = 0;
  while (index < total) {
    keepSpace(doc, pitch);
    const count = Math.max(1, Math.min(total - index, Math.floor((area.bottom - doc.y) / pitch)));
    const top = doc.y;
    artifact(doc, () => {
      doc.save().lineWidth(0.8).strokeColor(colours.rule).rect(frame.x, top, frame.width, count * pitch).stroke();
      doc.lineWidth(0.4);
      for (let line = 1; line < count; line += 1) doc.moveTo(frame.x + mm(2), top + line * pitch).lineTo(frame.x + frame.width - mm(2), top + line * pitch).stroke();
      doc.restore();
    });
    const here = written.slice(index, index + count);
    if (element && here.length > 0) {
      // Each line ends in a space, so words on either side of a line break are not read as one.
      mark(doc, element, () => here.forEach((line, at) => writeValue(doc, index + at < written.length - 1 ? `${line} ` : line, frame.x + mm(2), top + at * pitch, frame.width - mm(4))));
    }
    index += count;
    doc.y = top + count * pitch;
  }
  element?.end();
}

/**
 * One box per character, in groups (a date's 2·2·4, an IBAN's fours), the characters of a value filled in
 * one to a box. A screen reader reads the value whole (`actual`), not character by character.
 */
export function characterBoxes(doc: PDFKit.PDFDocument, parent: Element, groups: readonly number[], value: { chars: string; actual: string } | null, x: number, maxWidth: number, separator = ''): number {
  const count = groups.reduce((sum, size) => sum + size, 0);
  const gap = mm(separator ? 3 : 2);
  const box = Math.min(mm(7), (maxWidth - gap * (groups.length - 1)) / count);
  const top = doc.y;
  const places: number[] = [];
  let left = x;
  groups.forEach((size, group) => {
    for (let at = 0; at < size; at += 1) places.push(left + at * box);
    left += size * box + (group < groups.length - 1 ? gap : 0);
  });
  artifact(doc, () => {
    doc.save().lineWidth(0.8).strokeColor(colours.rule);
    for (const place of places) doc.rect(place, top, box, pitch).stroke();
    doc.restore();
    if (separator) {
      let end = x;
      groups.slice(0, -1).forEach((size) => {
        end += size * box;
        doc.font('bold').fontSize(12).fillColor(colours.text).text(separator, end, top + pitch - mm(6), { width: gap, align: 'center', lineBreak: false });
        end += gap;
      });
    }
  });
  if (value) leaf(doc, parent, 'P', () => [...value.chars].slice(0, places.length).forEach((char, at) => writeValue(doc, char, places[at]!, top, box, 'center')), { actual: value.actual });
  return left;
}

export interface Tick {
  label: string;
  hint?: string;
  lang?: string;
  ticked: boolean;
}

/** Boxes to tick, one under the other, each with its label (a list: box as the item's label, text as its body). */
export function tickList(doc: PDFKit.PDFDocument, parent: Element, ticks: readonly Tick[], frame: Frame): void {
  const list = open(doc, parent, 'L');
  const textX = frame.x + tick + mm(3);
  const width = frame.width - tick - mm(3);
  for (const item of ticks) {
    doc.font('regular').fontSize(10.5);
    const textHeight = doc.heightOfString(item.label, { width }) + (item.hint ? doc.fontSize(9).heightOfString(item.hint, { width }) : 0);
    keepSpace(doc, Math.max(mm(8), textHeight + mm(3)));
    const top = doc.y + mm(1.5);
    const li = open(doc, list, 'LI');
    tickBox(doc, li, frame.x, top, item.ticked);
    const body = open(doc, li, 'LBody', item.lang ? { lang: item.lang } : {});
    leaf(doc, body, 'P', () => doc.font('regular').fontSize(10.5).fillColor(colours.text).text(item.label, textX, top + mm(0.3), { width }));
    const hint = item.hint;
    if (hint) leaf(doc, body, 'P', () => doc.font('regular').fontSize(9).fillColor(colours.muted).text(hint, textX, doc.y, { width }));
    body.end();
    li.end();
    doc.y = Math.max(doc.y, top + tick) + mm(1.5);
  }
  list.end();
}

/** Boxes to tick side by side (yes · no). */
export function tickRow(doc: PDFKit.PDFDocument, parent: Element, ticks: readonly Tick[], frame: Frame): void {
  keepSpace(doc, mm(9));
  const list = open(doc, parent, 'L');
  const top = doc.y + mm(1.5);
  let x = frame.x;
  for (const item of ticks) {
    const li = open(doc, list, 'LI');
    tickBox(doc, li, x, top, item.ticked);
    doc.font('regular').fontSize(10.5);
    const width = doc.widthOfString(item.label) + mm(1);
    const body = open(doc, li, 'LBody');
    leaf(doc, body, 'P', () => doc.fillColor(colours.text).text(item.label, x + tick + mm(3), top + mm(0.3), { width, lineBreak: false }));
    body.end();
    li.end();
    x += tick + mm(3) + width + mm(10);
  }
  list.end();
  doc.y = top + tick + mm(1.5);
}

/** The box itself reads as ☐ or ☒, whichever it shows; a cross is written into it in the colour of a pen. */
function tickBox(doc: PDFKit.PDFDocument, parent: Element, x: number, top: number, ticked: boolean) {
  leaf(
    doc,
    parent,
    'Lbl',
    () => {
      doc.save().lineWidth(0.9).strokeColor(colours.text).rect(x, top, tick, tick).stroke().restore();
      if (ticked) doc.font('bold').fontSize(11).fillColor(colours.filled).text('X', x, top + mm(0.3), { width: tick, align: 'center', lineBreak: false });
    },
    { actual: ticked ? '☒' : '☐' },
  );
}

export interface Cell {
  caption: string;
  width: number;
  value: string | null;
  /** A box per character (a postcode) instead of a line. */
  chars?: number;
}

/**
 * Writing areas side by side, each with its caption above it (street and house number, postcode and town),
 * read cell by cell: caption, then what is filled in. A value longer than its line gets more lines, in
 * every cell of the row alike.
 */
export function cellRow(doc: PDFKit.PDFDocument, parent: Element, cells: readonly Cell[], frame: Frame): void {
  const gap = mm(4);
  doc.font('regular').fontSize(8.5);
  const captionHeight = Math.max(...cells.map((cell) => doc.heightOfString(cell.caption, { width: cell.width })));
  doc.font('regular').fontSize(valueSize);
  const written = cells.map((cell) => (cell.value && !cell.chars ? wrapLines(doc, cell.value, cell.width - mm(4)) : []));
  const lines = Math.max(1, ...written.map((cell) => cell.length));
  keepSpace(doc, captionHeight + lines * pitch + mm(2));
  const top = doc.y + mm(1);
  const boxTop = top + captionHeight + mm(0.5);
  let x = frame.x;
  cells.forEach((cell, index) => {
    const left = x;
    leaf(doc, parent, 'P', () => doc.font('regular').fontSize(8.5).fillColor(colours.muted).text(cell.caption, left, top, { width: cell.width }));
    doc.y = boxTop;
    if (cell.chars) {
      characterBoxes(doc, parent, [Math.max(cell.chars, cell.value?.length ?? 0)], cell.value ? { chars: cell.value, actual: cell.value } : null, left, cell.width);
    } else {
      artifact(doc, () => {
        doc.save().lineWidth(0.8).strokeColor(colours.rule).rect(left, boxTop, cell.width, lines * pitch).stroke().lineWidth(0.4);
        for (let line = 1; line < lines; line += 1) doc.moveTo(left + mm(2), boxTop + line * pitch).lineTo(left + cell.width - mm(2), boxTop + line * pitch).stroke();
        doc.restore();
      });
      const value = written[index]!;
      if (value.length > 0) leaf(doc, parent, 'P', () => value.forEach((line, at) => writeValue(doc, at < value.length - 1 ? `${line} ` : line, left + mm(2), boxTop + at * pitch, cell.width - mm(4))));
    }
    x += cell.width + gap;
  });
  doc.y = boxTop + lines * pitch + mm(1);
}
