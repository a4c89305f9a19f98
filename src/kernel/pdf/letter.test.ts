import { describe, expect, it } from 'vitest';
import { readPdf } from '#test/pdf.ts';
import { renderLetters, type Letter } from './letter.ts';

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

  it('refuses an empty batch instead of producing an empty PDF', async () => {
    await expect(renderLetters([], { title: 'x', author: 'x', lang: 'de-DE' })).rejects.toThrow('No letters to render');
  });
});
