import type { ModulePart } from '../part.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

/** What the moderation area adds to the module. */
export const moderationPart: ModulePart = {
  locales: { de, en },
};
