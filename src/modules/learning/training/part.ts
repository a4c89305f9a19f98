import type { ModulePart } from '#kernel/module-parts.ts';
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };

/** Staff training: required trainings per role, completion records, reminders, the coordinator's dashboard. */
export const trainingPart: ModulePart = {
  locales: { de, en },
};
