import type { ModulePart } from '../part.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

/** What the resources area adds to the module. */
export const resourcesPart: ModulePart = {
  locales: { de, en },
};
