import { textIn } from '../definition/texts.ts';
import type { Text } from '../definition/schema.ts';

export { textIn };

/** The language a designer's text is shown in, for `lang` on content that fell back to German. */
export function langOf(text: Text, language: 'de' | 'en', easy = false): string | undefined {
  return language === 'en' && !text.en && !easy ? 'de' : undefined;
}
