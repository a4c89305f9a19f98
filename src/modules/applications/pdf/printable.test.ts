import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '#modules/applications/definition/schema.ts';
import { readPdf } from '#test/pdf.ts';
import { printableFormPdf, type PrintableInput } from './printable.ts';
import { mm } from './tagged.ts';
import { dogTax, dogTaxAnswers, printableLabels, sendTo } from './test/dog-tax.ts';
import { readTagged, type TaggedText } from './test/read-tagged.ts';

const blank: PrintableInput = { lang: 'de', definition: dogTax, sendTo, city: 'Stadt Erkelenz', labels: printableLabels };

/** The position of the first element at or after `from` with this role and text. */
function at(elements: readonly TaggedText[], role: string, text: string, from = 0): number {
  const index = elements.findIndex((element, position) => position >= from && element.role === role && element.text === text);
  if (index < 0) throw new Error(`No ${role} "${text}" after position ${from} among:\n${elements.map((element) => `${element.role} ${element.text}`).join('\n')}`);
  return index;
}

describe('printable form', () => {
  it('is a tagged PDF in the reader’s language, its title shown, every text in the structure or an artifact, Fira Sans embedded', async () => {
    const pdf = await printableFormPdf(blank);
    const tagged = await readTagged(pdf);
    expect(tagged.markInfo?.Marked).toBe(true);
    expect(tagged.hasStructTreeRoot).toBe(true);
    expect(tagged.lang).toBe('de-DE');
    expect(tagged.displayDocTitle).toBe(true);
    expect(tagged.untagged).toEqual([]);
    const read = await readPdf(pdf);
    expect(read.info.Title).toBe('Anmeldung zur Hundesteuer');
    const fonts = await read.fonts();
    expect(fonts.map((font) => font.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^[A-Z]{6}\+FiraSans-Regular$/), expect.stringMatching(/^[A-Z]{6}\+FiraSans-SemiBold$/)]));
    expect(fonts.every((font) => font.embedded)).toBe(true);
  });

  it('reads title, address, every page with its questions and the declaration in order, with nothing filled in', async () => {
    const pdf = await printableFormPdf(blank);
    const { elements } = await readTagged(pdf);
    let position = at(elements, 'H1', 'Anmeldung zur Hundesteuer');
    position = at(elements, 'P', 'Bitte senden Sie das ausgefüllte Formular an:', position);
    expect(elements[position + 1]?.text).toBe('Stadt Erkelenz Steueramt Johannismarkt 17 41812 Erkelenz');
    for (const page of dogTax.pages) position = at(elements, 'H2', page.title.de, position);
    position = at(elements, 'H2', 'Erklärung', position);
    position = at(elements, 'P', 'Ich versichere, dass meine Angaben richtig und vollständig sind.', position);
    position = at(elements, 'P', 'Ort, Datum', position);
    at(elements, 'P', 'Unterschrift', position);

    // Each question: its label (required ones marked), its hint, then the place to answer it.
    position = at(elements, 'P', 'Familienname (Pflichtangabe)');
    position = at(elements, 'P', 'Anschrift (Pflichtangabe)', position);
    expect(elements.slice(position + 1, position + 6).map((element) => element.text)).toEqual(['Hierhin schicken wir den Bescheid.', 'Straße', 'Hausnummer', 'Postleitzahl', 'Ort']);
    position = at(elements, 'P', 'Geburtsdatum (Pflichtangabe)', position);
    expect(elements[position + 1]?.text).toBe('(TT.MM.JJJJ)');
    position = at(elements, 'P', 'E-Mail-Adresse', position);
    position = at(elements, 'P', 'Gründe für eine Ermäßigung', position);
    expect(elements[position + 1]?.text).toBe('Sie können mehrere ankreuzen.');
    expect(elements.slice(position + 2, position + 8).map((element) => `${element.path.at(-1)} ${element.role} ${element.alt ?? element.text}`)).toEqual([
      'LI Lbl ☐',
      'LBody P Blindenführhund',
      'LI Lbl ☐',
      'LBody P aus dem Tierheim',
      'LI Lbl ☐',
      'LBody P geringes Einkommen',
    ]);
    at(elements, 'P', 'Bitte legen Sie bei: einen Nachweis über den Grund der Ermäßigung', position);
    // An option's hint is a paragraph of its own, after the option's label.
    const listed = at(elements, 'P', 'Listenhund');
    expect(elements[listed + 1]).toMatchObject({ role: 'P', text: 'nach § 10 LHundG NRW', path: ['Document', 'Sect', 'Sect', 'Sect', 'Div', 'L', 'LI', 'LBody'] });

    // Blank: no answer anywhere, every box empty.
    const text = elements.map((element) => element.text).join('\n');
    for (const value of ['Weiß-Şahin', 'Kölner Straße', 'Bello', 'juergen.weiss@example.org', 'Mönchengladbach']) expect(text).not.toContain(value);
    expect(elements.filter((element) => element.role === 'Lbl').every((element) => element.alt === '☐')).toBe(true);
    expect(elements.filter((element) => element.alt && element.role === 'P')).toEqual([]);
  });

  it('puts the address where a window envelope shows it', async () => {
    const tagged = await readTagged(await printableFormPdf(blank));
    const { height } = tagged.page;
    // Below the letterhead, which names the city too.
    const lines = tagged.placed.filter((item) => item.page === 1 && sendTo.includes(item.str) && height - item.y > mm(40));
    expect(lines.map((item) => item.str)).toEqual(sendTo);
    // DIN 5008 form B: the window is 85 × 45 mm, 20 mm from the left and 45 mm from the top of the sheet.
    for (const line of lines) {
      expect(line.x).toBeGreaterThanOrEqual(mm(20));
      expect(line.x + line.width).toBeLessThanOrEqual(mm(105));
      expect(height - line.y - line.height).toBeGreaterThanOrEqual(mm(45));
      expect(height - line.y).toBeLessThanOrEqual(mm(90));
    }
  });

  it('prints a page’s and a question’s condition as an instruction before them, in words, with the options’ labels', async () => {
    const { elements } = await readTagged(await printableFormPdf(blank));
    const payment = at(elements, 'H2', 'Lastschrift');
    expect(elements[payment + 1]).toMatchObject({
      role: 'P',
      text: 'Nur ausfüllen, wenn Sie „Familienname“ ausgefüllt haben und Sie bei „Ich möchte per Lastschrift zahlen.“ „Ja“ angekreuzt haben.',
    });
    const size = at(elements, 'P', 'Personen im Haushalt');
    expect(elements[size - 1]?.text).toBe('Nur ausfüllen, wenn Sie bei „Gründe für eine Ermäßigung“ „geringes Einkommen“ angekreuzt haben.');
    const plate = at(elements, 'P', 'Kennzeichen des Hundeanhängers');
    expect(elements[plate - 1]?.text).toBe('Nur ausfüllen, wenn Sie „Bemerkungen“ nicht ausgefüllt haben.');
    // A question without a condition has none printed before it.
    const remarks = at(elements, 'P', 'Bemerkungen');
    expect(elements[remarks - 1]?.text).not.toMatch(/^Nur ausfüllen/);
  });

  it('prints a group’s questions in as many row blocks as allowed, four at most, with a note that more may follow on a sheet', async () => {
    const { elements } = await readTagged(await printableFormPdf(blank));
    const rows = elements.filter((element) => element.role === 'H4').map((element) => element.text);
    expect(rows).toEqual(['Hund 1', 'Hund 2', 'Hund 3', 'Hund 4']);
    for (const row of rows) {
      const start = at(elements, 'H4', row);
      const labels = elements.slice(start + 1).filter((element) => element.path.at(-2) === 'Sect' && element.role === 'P' && element.text.endsWith('(Pflichtangabe)'));
      expect(labels.slice(0, 3).map((element) => element.text)).toEqual(['Name des Hundes (Pflichtangabe)', 'Art des Hundes (Pflichtangabe)', 'Bei Ihnen seit (Pflichtangabe)']);
      expect(elements[start]?.path).toEqual(['Document', 'Sect', 'Sect', 'Sect']);
    }
    at(elements, 'P', 'Mehr als 4? Schreiben Sie die weiteren auf ein eigenes Blatt und legen Sie es bei.', at(elements, 'H4', 'Hund 4'));

    // A group of at most two prints two rows and no note; answers with more rows than printed get a block each.
    const pairs = structuredClone(dogTax);
    const group = pairs.pages[1]!.fields[0]!;
    if (group.type !== 'group') throw new Error('The fixture’s second page holds the group of dogs');
    group.max = 2;
    const two = await readTagged(await printableFormPdf({ ...blank, definition: pairs }));
    expect(two.elements.filter((element) => element.role === 'H4').map((element) => element.text)).toEqual(['Hund 1', 'Hund 2']);
    expect(two.elements.some((element) => element.text.startsWith('Mehr als'))).toBe(false);
    const dogs = Array.from({ length: 6 }, (_, index) => ({ dogName: `Hund-${index + 1}-Name`, kind: 'ordinary', since: '2024-05-01' }));
    const six = await readTagged(await printableFormPdf({ ...blank, answers: { dogs } }));
    expect(six.elements.filter((element) => element.role === 'H4')).toHaveLength(6);
    expect(six.elements.filter((element) => element.text.startsWith('Hund-')).map((element) => element.text)).toEqual(dogs.map((dog) => dog.dogName));
  });

  it('writes what was entered so far into the boxes: texts, address, dates, choices, the IBAN, a telephone number', async () => {
    const { elements } = await readTagged(await printableFormPdf({ ...blank, answers: dogTaxAnswers }));
    const after = (label: string, from = 0) => elements[at(elements, 'P', label, from) + 1];
    expect(after('Familienname (Pflichtangabe)')?.text).toBe('Weiß-Şahin');
    const address = at(elements, 'P', 'Anschrift (Pflichtangabe)');
    expect(elements.slice(address + 2, address + 10).map((element) => element.alt ?? element.text)).toEqual(['Straße', 'Kölner Straße', 'Hausnummer', '12a', 'Postleitzahl', '41812', 'Ort', 'Erkelenz']);
    // A date and an IBAN stand a character to a box; a screen reader reads them whole.
    expect(after('Geburtsdatum (Pflichtangabe)')).toMatchObject({ text: '1 5 0 3 1 9 6 1', alt: '15.03.1961' });
    expect(after('IBAN (Pflichtangabe)')?.alt).toBe('DE02 3705 0299 0000 6847 12');
    expect(after('E-Mail-Adresse')?.text).toBe('juergen.weiss@example.org');
    // Stored as +4924311234; on paper as people write it.
    expect(after('Telefonnummer')?.text).toBe('02431 1234');
    expect(after('Bemerkungen')?.text).toBe('Luna kommt aus dem Tierheim Mönchengladbach.');
    expect(after('Personen im Haushalt')?.text).toBe('3');

    // The boxes of a question, each read as ☐ or ☒ and then its option.
    const ticks = (label: string, from = 0) => {
      let index = at(elements, 'P', label, from) + 1;
      if (elements[index]?.role === 'P') index += 1;
      const items: string[] = [];
      for (; elements[index]?.role === 'Lbl'; index += 1) {
        items.push(`${elements[index]!.alt} ${elements[index + 1]!.text}`);
        while (elements[index + 1]?.path.at(-1) === 'LBody') index += 1;
      }
      return items;
    };
    expect(ticks('Art des Hundes (Pflichtangabe)', at(elements, 'H4', 'Hund 2'))).toEqual(['☐ gewöhnlicher Hund', '☒ Listenhund']);
    expect(ticks('Gründe für eine Ermäßigung')).toEqual(['☐ Blindenführhund', '☒ aus dem Tierheim', '☒ geringes Einkommen']);
    expect(ticks('Ich möchte per Lastschrift zahlen.')).toEqual(['☒ Ja', '☐ Nein']);
    expect(ticks('Zahlweise')).toEqual(['☐ jährlich', '☒ vierteljährlich']);
    const names = elements.filter((element) => element.path.includes('Sect') && ['Bello', 'Luna'].includes(element.text)).map((element) => element.text);
    expect(names).toEqual(['Bello', 'Luna']);

    // Read by position as well: the crosses stand in their boxes beside the options chosen.
    const read = await readPdf(await printableFormPdf({ ...blank, answers: dogTaxAnswers }));
    const text = await read.text(1, read.pages);
    expect(text).toContain('X vierteljährlich');
    expect(text).toMatch(/^jährlich$/m);
  });

  it('flows a long form onto more pages, numbered, without a line cut off or outside the page', async () => {
    const long: FormDefinition = {
      ...dogTax,
      pages: Array.from({ length: 12 }, (_, page) => ({
        id: `page${page + 1}`,
        title: { de: `Abschnitt ${page + 1}: Angaben zum Grundstück und zu den Gebäuden darauf` },
        intro: { de: 'Bitte füllen Sie diesen Abschnitt vollständig aus. '.repeat(4).trim() },
        fields: [
          { type: 'textarea' as const, id: `notes${page + 1}`, label: { de: `Beschreibung ${page + 1}` }, hint: { de: 'Was ist dort? Wie wird es genutzt? '.repeat(6).trim() }, maxLength: 3000 },
          { type: 'text' as const, id: `owner${page + 1}`, label: { de: `Eigentümerin oder Eigentümer ${page + 1}` }, required: true },
          { type: 'select' as const, id: `use${page + 1}`, label: { de: `Nutzung ${page + 1}` }, options: Array.from({ length: 6 }, (_, option) => ({ value: `use-${option}`, label: { de: `Nutzungsart ${option + 1} mit einer längeren Beschreibung dessen, was darunter fällt` } })) },
          { type: 'iban' as const, id: `iban${page + 1}`, label: { de: `Konto ${page + 1}` } },
        ],
      })),
    };
    const story = `Anfang. ${'Ein langer Text, der über mehr Zeilen läuft, als das Feld zeigt, und doch ganz gedruckt wird. '.repeat(40)}Ende.`;
    const pdf = await printableFormPdf({ ...blank, definition: long, answers: { notes1: story } });
    const read = await readPdf(pdf);
    expect(read.pages).toBeGreaterThan(8);
    for (let page = 1; page <= read.pages; page += 1) expect(await read.text(page)).toContain(`Seite ${page} von ${read.pages}`);

    const tagged = await readTagged(pdf);
    expect(tagged.untagged).toEqual([]);
    const { width, height } = tagged.page;
    const outside = tagged.placed.filter((item) => item.x < mm(20) || item.x + item.width > width - mm(15) || item.y < mm(10) || item.y + item.height > height - mm(8));
    expect(outside).toEqual([]);
    // Nothing but the page's footer lies in the bottom margin.
    const low = tagged.placed.filter((item) => item.y < mm(297 - 267) - 1 && item.str.trim() !== '').map((item) => item.str);
    expect(low.filter((str) => !/^Seite \d+ von \d+$/.test(str) && str !== 'Anmeldung zur Hundesteuer')).toEqual([]);
    // The long answer is written out whole over as many lines as it needs, word for word.
    expect(tagged.elements.filter((element) => element.text.startsWith('Anfang.')).map((element) => element.text)).toEqual([story]);
    for (const page of long.pages) {
      at(tagged.elements, 'H2', page.title.de);
      for (const field of page.fields) expect(tagged.elements.some((element) => element.text.startsWith(field.label.de))).toBe(true);
    }
  });

  it('takes English where written and marks German where the definition has no English; Leichte Sprache where written', async () => {
    const partly = structuredClone(dogTax);
    delete partly.pages[0]!.intro!.en;
    const english = await readTagged(await printableFormPdf({ ...blank, lang: 'en', definition: partly, labels: { ...printableLabels, required: 'required' } }));
    expect(english.lang).toBe('en-GB');
    at(english.elements, 'H1', 'Dog tax registration');
    at(english.elements, 'P', 'Family name (required)');
    expect(english.elements.find((element) => element.text === 'Die Angaben zur Person, die den Hund hält.')?.lang).toBe('de-DE');
    expect(english.elements.find((element) => element.text === 'Family name (required)')?.lang).toBeUndefined();

    const easy = await readTagged(await printableFormPdf({ ...blank, easy: true }));
    at(easy.elements, 'H1', 'Hund anmelden');
    at(easy.elements, 'H2', 'Wer hat den Hund?');
    at(easy.elements, 'P', 'Nach-Name (Pflichtangabe)');
    // Where Leichte Sprache is not written, the German text stands.
    at(easy.elements, 'P', 'Anschrift (Pflichtangabe)');
  });
});
