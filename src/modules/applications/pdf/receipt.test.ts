import { describe, expect, it } from 'vitest';
import { readPdf } from '#test/pdf.ts';
import { mm } from './tagged.ts';
import { receiptPdf } from './receipt.ts';
import { receiptLabels, receiptWith } from './test/receipt-input.ts';
import { readTagged, type TaggedText } from './test/read-tagged.ts';

/** The position of the first element after `from` with this role and text, so that order can be compared. */
function at(elements: readonly TaggedText[], role: string, text: string, from = 0): number {
  const index = elements.findIndex((element, position) => position >= from && element.role === role && element.text === text);
  if (index < 0) throw new Error(`No ${role} "${text}" after position ${from} among:\n${elements.map((element) => `${element.role} ${element.text}`).join('\n')}`);
  return index;
}

describe('receipt', () => {
  it('is a tagged PDF in the reader’s language, its title shown, every text in the structure or an artifact, Fira Sans embedded', async () => {
    const pdf = await receiptPdf(receiptWith(12));
    const tagged = await readTagged(pdf);
    expect(tagged.markInfo?.Marked).toBe(true);
    expect(tagged.hasStructTreeRoot).toBe(true);
    expect(tagged.lang).toBe('de-DE');
    expect(tagged.displayDocTitle).toBe(true);
    expect(tagged.untagged).toEqual([]);
    expect(tagged.elements[0]).toMatchObject({ path: ['Document'], role: 'P', text: 'Stadt Erkelenz' });

    const read = await readPdf(pdf);
    expect(read.info.Title).toBe('Eingangsbestätigung: Anmeldung zur Hundesteuer');
    const fonts = await read.fonts();
    expect(fonts).toContainEqual({ name: expect.stringMatching(/^[A-Z]{6}\+FiraSans-Regular$/), embedded: true });
    expect(fonts).toContainEqual({ name: expect.stringMatching(/^[A-Z]{6}\+FiraSans-SemiBold$/), embedded: true });
    expect(fonts.every((font) => font.embedded)).toBe(true);
  });

  it('reads the reference, large and spelled, then the facts, every answer after its question, and what happens next', async () => {
    const input = receiptWith(12);
    const { elements } = await readTagged(await receiptPdf(input));

    const title = at(elements, 'H1', input.title);
    const reference = at(elements, 'P', 'A-7K3M-Q9TX-4', title);
    expect(elements[reference - 1]?.text).toBe('Vorgangsnummer');
    expect(elements[reference + 1]?.text).toBe(input.spelled);
    // Each fact is a row of a table: its label a header cell, its value the cell beside it.
    let position = at(elements, 'TH', 'Eingegangen am', reference);
    expect(elements[position + 1]).toMatchObject({ role: 'TD', text: '27.11.2026, 14:03 Uhr', path: ['Document', 'Table', 'TR'] });
    for (const fact of input.facts) {
      position = at(elements, 'TH', fact.label, position);
      expect(elements[position + 1]).toMatchObject({ role: 'TD', text: fact.value });
    }
    position = at(elements, 'H2', 'Ihre Angaben', position);
    for (const section of input.sections) {
      position = at(elements, 'H3', section.title, position);
      for (const row of section.rows) {
        position = at(elements, 'TH', row.label, position);
        expect(elements[position + 1]).toMatchObject({ role: 'TD', text: row.text.join(' '), path: ['Document', 'Sect', 'Table', 'TR'] });
      }
    }
    position = at(elements, 'H2', 'Wie es weitergeht', position);
    at(elements, 'P', input.nextSteps, position);
    expect(elements.filter((element) => element.role === 'TD')).toHaveLength(12 + 4);

    // Read by position on the page too: the reference and every answer are there, in the same order.
    const read = await readPdf(await receiptPdf(input));
    const text = await read.text(1, read.pages);
    expect(text).toContain('A-7K3M-Q9TX-4');
    const answers = input.sections.flatMap((section) => section.rows.map((row) => text.indexOf(row.text[0]!)));
    expect(answers.every((index) => index >= 0)).toBe(true);
    expect(answers).toEqual([...answers].sort((a, b) => a - b));
  });

  it('continues a long receipt on further pages, numbered, each with the reference, every answer whole and within the page', async () => {
    const long = `Der Hund wurde im Tierheim abgegeben. ${'Er ist freundlich, verträglich mit Katzen und geht gern spazieren. '.repeat(60)}Ende der Bemerkung.`;
    const input = receiptWith(40);
    input.sections[2]!.rows[1] = { label: 'Bemerkungen', text: [long] };
    input.sections[3]!.rows[0] = { label: 'Anschrift', text: ['Kölner Straße 12a', '41812 Erkelenz'] };
    const pdf = await receiptPdf(input);
    const read = await readPdf(pdf);
    expect(read.pages).toBeGreaterThanOrEqual(3);
    for (let page = 1; page <= read.pages; page += 1) {
      const text = await read.text(page);
      expect(text).toContain(`Seite ${page} von ${read.pages}`);
      if (page > 1) expect(text).toContain('Vorgangsnummer: A-7K3M-Q9TX-4');
    }

    const tagged = await readTagged(pdf);
    const cells = tagged.elements.filter((element) => element.role === 'TD').map((element) => element.text);
    // The long answer runs over a page break and still reads as one cell, word for word.
    expect(cells.filter((cell) => cell.startsWith('Der Hund wurde'))).toEqual([long]);
    expect(cells).toContain('Kölner Straße 12a 41812 Erkelenz');
    for (const row of input.sections.flatMap((section) => section.rows)) expect(cells).toContain(row.text.join(' '));

    const { width, height } = tagged.page;
    const outside = tagged.placed.filter((item) => item.x < mm(20) || item.x + item.width > width - mm(15) || item.y < mm(10) || item.y + item.height > height - mm(8));
    expect(outside).toEqual([]);
    // Body text keeps clear of the footer: nothing but the footer's two lines lies below the bottom margin.
    const low = tagged.placed.filter((item) => item.y < mm(297 - 267) - 1 && item.str.trim() !== '').map((item) => item.str);
    expect(low.filter((str) => !/^Seite \d+ von \d+$/.test(str) && !str.includes('Johannismarkt 17'))).toEqual([]);
  });

  it('shows the date on its own, as a letter does, when no label for it is given', async () => {
    const { submittedAt: _, ...labels } = receiptLabels;
    const { elements } = await readTagged(await receiptPdf(receiptWith(3, { labels })));
    expect(elements.slice(0, 3).map((element) => `${element.role} ${element.text}`)).toEqual(['P Stadt Erkelenz', 'P 27.11.2026, 14:03 Uhr', 'H1 Eingangsbestätigung: Anmeldung zur Hundesteuer']);
    expect(elements.filter((element) => element.role === 'TH').map((element) => element.text)).not.toContain('Eingegangen am');
  });

  it('declares English when written for an English reader', async () => {
    const tagged = await readTagged(await receiptPdf(receiptWith(2, { lang: 'en', title: 'Receipt: dog tax registration' })));
    expect(tagged.lang).toBe('en-GB');
    expect(tagged.elements.find((element) => element.role === 'H1')?.text).toBe('Receipt: dog tax registration');
  });
});
