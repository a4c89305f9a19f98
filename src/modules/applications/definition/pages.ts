import type { Upload } from '#kernel/files/uploads.ts';
import { parseForm, toRaw, type FormDef, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { isAddressAnswer, isGroupRows, type AnswerValue, type Answers } from './answers.ts';
import { groupFields, pruneHidden, visibleFields, visiblePages } from './conditions.ts';
import { addressParts, fixedTown, kernelForm, type PageOptions } from './kernel-form.ts';
import { pageAnswers, ruleErrors, uploadsWithStored } from './page-read.ts';
import type { FormDefinition, LeafField, Page } from './schema.ts';

/*
 * The citizen's flow, one page at a time: a page as a kernel form, a post read into stored answers, stored
 * answers shown in the form again, and the first page that still needs something. The kernel renders,
 * reads and says the problems; this file decides what a page asks.
 */

export { answersSchema, answersValidator } from './answers-schema.ts';
export { answerRows } from './answer-rows.ts';
export type { PageOptions } from './kernel-form.ts';

/** A page as a kernel form: the fields the answers of the earlier pages show, texts from `namespace` (`registerFormTexts`). */
export function pageForm(definition: FormDefinition, namespace: string, page: Page, answers: Answers, options: PageOptions = {}): FormDef {
  return kernelForm(definition, namespace, page, answers, options);
}

export interface PageSource {
  /** The parsed body, as the kernel's `parseForm` takes it. */
  body: unknown;
  upload?: ((name: string) => Upload | undefined) | undefined;
}

export type PageRead = { ok: true; values: Answers; raw: Raw } | { ok: false; errors: FormErrors; raw: Raw };

/**
 * Reads a posted page into the answers of its shown fields (merge them into the draft and `pruneHidden`), or
 * the problems by input name as reason codes for `formMessages`. A file chosen before is kept unless another
 * is sent; nothing here throws for anything a client can post.
 */
export function readPage(definition: FormDefinition, namespace: string, page: Page, answers: Answers, source: PageSource, options: PageOptions = {}): PageRead {
  const kept = pruneHidden(definition, answers);
  const form = kernelForm(definition, namespace, page, kept, options);
  const body = source.body && typeof source.body === 'object' && !Array.isArray(source.body) ? (source.body as Record<string, unknown>) : {};
  const read = parseForm(form, { body, upload: uploadsWithStored(page, kept, body, source.upload) });
  // The kernel's own problem with an input says more than a rule of this form about the same input.
  const errors = { ...ruleErrors(page, kept, namespace, body, options), ...(read.ok ? {} : read.errors) };
  if (!read.ok || Object.keys(errors).length > 0) return { ok: false, errors, raw: read.raw };
  return { ok: true, values: pageAnswers(page, kept, read.value, options), raw: read.raw };
}

/** A stored answer under the names of a field's inputs, as the kernel reads them; anything of another shape is left out. */
function inputValues(field: LeafField, value: AnswerValue | undefined, options: PageOptions): Record<string, unknown> {
  const text = typeof value === 'string' ? { [field.id]: value } : {};
  switch (field.type) {
    case 'address': {
      if (!isAddressAnswer(value)) return {};
      const parts = addressParts.filter(([part]) => part !== 'Town' || fixedTown(field, options) === undefined);
      return Object.fromEntries(parts.map(([part, key]) => [field.id + part, value[key]]));
    }
    case 'file':
      return {};
    case 'number':
      return typeof value === 'number' ? { [field.id]: value } : {};
    case 'checkbox':
      return typeof value === 'boolean' ? { [field.id]: value } : {};
    case 'checkboxes':
      return Array.isArray(value) && value.every((item) => typeof item === 'string') ? { [field.id]: value } : {};
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? text : {};
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'iban':
    case 'licencePlate':
    case 'select':
    case 'radio':
      return text;
  }
}

/** Stored answers as the page's form shows them (days the German way, an address in its four inputs); never a file. */
export function pageRaw(definition: FormDefinition, page: Page, answers: Answers, options: PageOptions = {}): Raw {
  const kept = pruneHidden(definition, answers);
  const value: Record<string, unknown> = {};
  for (const field of visibleFields(page, kept)) {
    if (field.type !== 'group') {
      Object.assign(value, inputValues(field, kept[field.id], options));
      continue;
    }
    const children = groupFields(field.fields, kept);
    const rows = isGroupRows(kept[field.id]) ? kept[field.id] as Record<string, AnswerValue>[] : [];
    value[field.id] = rows.map((row) => Object.assign({}, ...children.map((child) => inputValues(child, row[child.id], options))) as Record<string, unknown>);
  }
  return toRaw(kernelForm(definition, '', page, kept, options), value as Parameters<typeof toRaw>[1]);
}

/**
 * The first page a person still has to answer: shown, and with a field never answered, a required answer
 * missing, or a stored answer its field's rules no longer take (a day that has moved out of the range from
 * today, a street taken out of the register). `undefined` when every shown page is complete.
 */
export function firstIncompletePage(definition: FormDefinition, answers: Answers, options: PageOptions = {}): Page | undefined {
  const kept = pruneHidden(definition, answers);
  return visiblePages(definition, kept).find((page) => {
    if (visibleFields(page, kept).some((field) => !Object.hasOwn(kept, field.id))) return true;
    return !readPage(definition, '', page, kept, { body: pageRaw(definition, page, kept, options) }, options).ok;
  });
}
