import type { Band } from '../assessment/digcomp.ts';

/*
 * The fixed lists of courses and registrations, as the slugs stored and used in addresses. Their words are
 * the module's texts (`learning:courses.levels.…`, `.accessibility.…`, `.needs.…`).
 */

/** A course's level: the DigComp band it starts from (never `start`, which is a person's, not a course's). */
export const courseLevels = ['foundation', 'intermediate', 'advanced', 'highly-specialised'] as const satisfies readonly Band[];
export type CourseLevel = (typeof courseLevels)[number];

export const audiences = ['citizens', 'staff'] as const;
export type Audience = (typeof audiences)[number];

/** What the venue or the course offers. */
export const accessibilityFeatures = ['stufenlos', 'hoeranlage', 'grossdruck', 'leihgeraete', 'leichte-sprache'] as const;
export type AccessibilityFeature = (typeof accessibilityFeatures)[number];

/** What a participant asks for: large print, a hearing loop, a loan device, a companion who comes along. */
export const supportNeeds = ['grossdruck', 'hoerschleife', 'leihgeraet', 'begleitung'] as const;
export type SupportNeed = (typeof supportNeeds)[number];

export const registrationChannels = ['online', 'phone', 'counter'] as const;
export type RegistrationChannel = (typeof registrationChannels)[number];
