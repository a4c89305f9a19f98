import type { FastifyRequest } from 'fastify';
import { defineForm, readForm, type FormRead, type Raw } from '#kernel/forms/index.ts';
import { newOfficeRaw, newSituationRaw, officeForm, officeFormValues, situationForm, situationFormValues } from './forms.office.ts';
import { serviceForm, serviceFormValues } from './forms.service.ts';
import type { OfficeContent, ServiceContent, SituationContent } from './schemas.content.ts';
import type { EntryInput } from './service.editing.ts';
import { catalogUploadTypes, maxCatalogUpload } from './service.upload.ts';
import type { Entry, EntryKind } from './tables.ts';

/*
 * The editor's three forms, one per kind of entry, as the staff routes use them: read a post into the
 * service's input, show a stored entry or a new one.
 */

export const entryForms = { service: serviceForm, office: officeForm, situation: situationForm } as const;

/** The posted form of a kind, read by the kernel into the input `createEntry` and `saveDraft` take. */
export function readEntryForm(kind: EntryKind, request: FastifyRequest): FormRead<EntryInput> {
  const read = readForm(entryForms[kind], request);
  // Each kind's route reads its own definition, so the value is that kind's.
  return read.ok ? { ...read, value: { kind, value: read.value } as EntryInput } : read;
}

/** The revision the editor started from, as the form carried it; -1 (never current) when it is missing. */
export function revisionOf(input: EntryInput): number {
  const revision = Number(input.value.revision || Number.NaN);
  return Number.isInteger(revision) ? revision : -1;
}

/** What the form shows of a saved entry: its draft and the revision it is. */
export function entryRaw(entry: Entry): Raw {
  const draft =
    entry.kind === 'service'
      ? serviceFormValues(entry.draft as ServiceContent)
      : entry.kind === 'office'
        ? officeFormValues(entry.draft as OfficeContent)
        : situationFormValues(entry.draft as SituationContent);
  return { ...draft, revision: String(entry.revision) };
}

/** What the form of a new entry starts with. */
export const newEntryRaw: Record<EntryKind, Raw> = { service: {}, office: newOfficeRaw, situation: newSituationRaw };

/** The import form: one catalogue file, which the kernel's file store takes while the form is parsed. */
export const importForm = defineForm({
  id: 'catalog.import',
  fields: {
    file: {
      kind: 'file',
      label: 'catalog:transfer.file',
      hint: 'catalog:transfer.fileHint',
      required: true,
      accept: catalogUploadTypes,
      maxBytes: maxCatalogUpload,
      messages: { required: 'catalog:transfer.fileRequired' },
    },
  },
});
