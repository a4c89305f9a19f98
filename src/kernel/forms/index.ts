/*
 * The kernel's forms: one way to read an HTML form into a typed value and back into a page with field
 * errors (README.md beside this file).
 */
export { defineForm, formKeyField, rowFieldName, type FieldDef, type FieldError, type FormDef, type FormErrors, type FormFile, type FormValue, type LeafDef, type Option, type Raw } from './fields.ts';
export { bodyLimitFor, multipartFor } from './files.ts';
export { fieldMessage, formMessages, formState, type FormState } from './messages.ts';
export { formatIban, parseIban } from './iban.ts';
export { formatEuros, parseEuros, parseTime } from './numbers.ts';
export { formatPhone, parsePhone } from './phone.ts';
export { once } from './once.ts';
export { toRaw } from './raw.ts';
export { parseForm, readForm, withErrors, type FormRead } from './read.ts';
export { CheckboxGroup } from '../html/components.tsx';
export { DateField, FileField, FormField, FormFields, FormKey, newFormKey, rawText, rowsShown } from './render.tsx';
export { formBody } from './schema.ts';
export { cleanText, splitLines, splitTerms } from './text.ts';
