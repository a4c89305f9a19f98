import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { readPdf } from '#test/pdf.ts';
import { renderLetters, type Letter } from './letter.ts';

/** For every page, the fonts its content selects (`/F1 11 Tf`) and those its resources name, read from pdfkit's plain object layout. */
function fontsOfPages(pdf: Buffer): { selected: string[]; named: string[] }[] {
  const objects = new Map([...pdf.toString('latin1').matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)].map((match) => [match[1]!, match[2]!]));
  return [...objects.values()]
    .filter((object) => object.includes('/Type /Page\n'))
    .map((page) => {
      const content = objects.get(/\/Contents (\d+) 0 R/.exec(page)![1]!)!;
      const stream = inflateSync(Buffer.from(/stream\n([\s\S]*)\nendstream$/.exec(content)![1]!, 'latin1')).toString('latin1');
      const resources = objects.get(/\/Resources (\d+) 0 R/.exec(page)![1]!)!;
      return {
        selected: [...new Set([...stream.matchAll(/\/(\S+) [\d.]+ Tf/g)].map((match) => match[1]!))].sort(),
        named: [.../\/Font <<([^>]*)>>/.exec(resources)![1]!.matchAll(/\/(\S+) \d+ 0 R/g)].map((match) => match[1]!).sort(),
      };
    });
}

const letter: Letter = {
  letterhead: 'Stadt Erkelenz',
  returnAddress: 'Stadt Erkelenz · Johannismarkt 17 · 41812 Erkelenz',
  recipient: ['Jürgen Weiß', 'Kölner Straße 12a', '41812 Erkelenz'],
  info: [
    { label: 'Datum', value: '27.11.2026' },
    { label: 'Unser Zeichen', value: 'N-2026-7K4M-Q9TX' },
  ],
  subject: 'Ihr Antrag auf einen Anwohnerparkausweis',
  blocks: [
    { kind: 'paragraph', text: 'Guten Tag Jürgen Weiß,' },
    { kind: 'paragraph', text: 'Mitantragsteller: Łukasz Şahin, Ελένη Παπαδοπούλου' },
    { kind: 'paragraph', text: 'Ihr Antrag ist eingegangen.' },
    { kind: 'list', items: ['Personalausweis', 'Fahrzeugschein'] },
  ],
  attachments: { heading: 'Anlagen', names: ['Gebührenbescheid.pdf'] },
  qr: { url: 'https://erkelenz.example/konto/nachrichten/1', caption: 'Online öffnen' },
  footer: ['Stadt Erkelenz', 'Johannismarkt 17, 41812 Erkelenz'],
  pageLabel: (page, pages) => `Seite ${page} von ${pages}`,
};

describe('letters', () => {
  it('lays out a DIN 5008 letter with address, reference, content and page number, fonts embedded', async () => {
    const { pdf, pages } = await renderLetters([letter], { title: 'Brief', author: 'Stadt Erkelenz', lang: 'de-DE' });
    expect(pages).toEqual([1]);
    const result = await readPdf(pdf);
    expect(result.pages).toBe(1);
    expect(result.info.Title).toBe('Brief');
    // Both weights of Fira Sans are embedded as subsets, so the print service needs no fonts of its own.
    const fonts = await result.fonts();
    expect(fonts).toContainEqual({ name: expect.stringMatching(/^[A-Z]{6}\+FiraSans-Regular$/), embedded: true });
    expect(fonts).toContainEqual({ name: expect.stringMatching(/^[A-Z]{6}\+FiraSans-SemiBold$/), embedded: true });
    expect(fonts.every((font) => font.embedded)).toBe(true);
    const text = await result.text(1);
    for (const expected of ['Jürgen Weiß', 'Kölner Straße 12a', '41812 Erkelenz', 'N-2026-7K4M-Q9TX', 'Ihr Antrag auf einen Anwohnerparkausweis', '• Fahrzeugschein', 'Gebührenbescheid.pdf', 'Seite 1 von 1', 'Łukasz Şahin, Ελένη Παπαδοπούλου']) {
      expect(text).toContain(expected);
    }
    // The return address sits above the recipient, as the window envelope shows it.
    expect(text.indexOf('Johannismarkt 17 · 41812')).toBeLessThan(text.indexOf('Jürgen Weiß'));
  });

  it('numbers the pages of each letter on their own and starts each letter on a new page', async () => {
    const long: Letter = { ...letter, blocks: Array.from({ length: 40 }, (_, i) => ({ kind: 'paragraph' as const, text: `Absatz ${i + 1}: ${'Text '.repeat(30)}` })) };
    const { pdf, pages } = await renderLetters([long, letter], { title: 'Stapel', author: 'Stadt Erkelenz', lang: 'de-DE' });
    expect(pages[0]).toBeGreaterThan(1);
    expect(pages[1]).toBe(1);
    const result = await readPdf(pdf);
    expect(result.pages).toBe(pages[0]! + 1);
    expect(await result.text(1)).toContain(`Seite 1 von ${pages[0]}`);
    expect(await result.text(pages[0]!)).toContain(`Seite ${pages[0]} von ${pages[0]}`);
    const last = await result.text(pages[0]! + 1);
    expect(last).toContain('Seite 1 von 1');
    expect(last).toContain('Jürgen Weiß');
  });

  it('lays out a letter the same in a later batch, from the words the process has already shaped', async () => {
    // A word no earlier letter had: the first batch shapes it, the second takes it from what the fonts kept.
    const once: Letter = { ...letter, recipient: [`Jürgen Weiß-Zweimal${Date.now()}`, ...letter.recipient.slice(1)] };
    const render = async () => (await renderLetters([once], { title: 'Brief', author: 'Stadt Erkelenz', lang: 'de-DE' })).pdf.toString('latin1');
    // Only the moment of making and the file identifier differ between two runs.
    const withoutDates = (pdf: string) => pdf.replace(/\(D:\d+Z\)/g, '').replace(/<xmp:CreateDate>[^<]*</g, '').replace(/\/ID \[[^\]]*\]/g, '');
    const first = await render();
    const second = await render();
    expect(withoutDates(second)).toBe(withoutDates(first));
    expect(await (await readPdf(Buffer.from(second, 'latin1'))).text(1)).toContain(once.recipient[0]);
  });

  it('keeps the character of a glyph an earlier document used only inside another (the period of a colon)', async () => {
    // A colon is drawn from two periods: the first document's subset makes the period's glyph from it.
    await renderLetters([{ ...letter, subject: 'Hinweis: Ihr Antrag' }], { title: 'Brief', author: 'Stadt Erkelenz', lang: 'de-DE' });
    const later = await renderLetters([{ ...letter, subject: 'Ihr Antrag ist da.' }], { title: 'Brief', author: 'Stadt Erkelenz', lang: 'de-DE' });
    expect(await (await readPdf(later.pdf)).text(1)).toContain('Ihr Antrag ist da.');
  });

  it('writes the text a letter shares with an earlier one of its batch in the same places as a letter laid out alone', async () => {
    // The second letter shares letterhead, subject, labels, paragraphs, attachments and footer with the first,
    // which are written again from the first, and has a name, a reference and a greeting of its own.
    const first = letter;
    const second: Letter = {
      ...letter,
      recipient: ['Ελένη Παπαδοπούλου', ...letter.recipient.slice(1)],
      info: [letter.info[0]!, { label: 'Unser Zeichen', value: 'N-2026-7K4M-ZW31' }],
      blocks: [{ kind: 'paragraph', text: 'Guten Tag Ελένη Παπαδοπούλου,' }, ...letter.blocks.slice(1)],
    };
    const meta = { title: 'Stapel', author: 'Stadt Erkelenz', lang: 'de-DE' };
    const items = async (pdf: Buffer, page: number) => {
      const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
      const content = await (await document.getPage(page)).getTextContent();
      return (content.items as { str?: string; transform?: number[]; width?: number }[]).filter((item) => item.str).map((item) => ({ str: item.str, transform: item.transform, width: item.width }));
    };
    const batch = await renderLetters([first, second], meta);
    const alone = await renderLetters([second], meta);
    const written = await items(batch.pdf, 2);
    expect(written.map((item) => item.str).join(' ')).toContain('N-2026-7K4M-ZW31');
    expect(written).toEqual(await items(alone.pdf, 1));
    // Each page names the fonts its text selects among its resources, the text written again included.
    const pages = fontsOfPages(batch.pdf);
    expect(pages).toHaveLength(2);
    for (const { selected, named } of pages) expect(named).toEqual(selected);
    expect(pages[1]!.selected).toHaveLength(2);
  });

  it('refuses an empty batch instead of producing an empty PDF', async () => {
    await expect(renderLetters([], { title: 'x', author: 'x', lang: 'de-DE' })).rejects.toThrow('No letters to render');
  });
});
