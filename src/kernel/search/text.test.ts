import { describe, expect, it } from 'vitest';
import { markEnd, markStart, splitHighlights } from './text.ts';

const mark = (word: string) => `${markStart}${word}${markEnd}`;

describe('splitHighlights', () => {
  it('splits marked words from the text around them', () => {
    expect(splitHighlights(`Den ${mark('Personalausweis')} beantragen`)).toEqual([
      { text: 'Den ', match: false },
      { text: 'Personalausweis', match: true },
      { text: ' beantragen', match: false },
    ]);
  });

  it('joins the lines of a list with a middle dot, and a line that ends a sentence with a space', () => {
    const passage = `Fahrzeug nutzen.\n${mark('Personalausweis')} oder Reisepass\nZulassungsbescheinigung Teil I\n`;
    expect(splitHighlights(passage).map((piece) => piece.text).join('')).toBe('Fahrzeug nutzen. Personalausweis oder Reisepass · Zulassungsbescheinigung Teil I');
  });
});
