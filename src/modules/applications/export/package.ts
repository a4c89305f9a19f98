import { createHash } from 'node:crypto';
import type { KernelContext } from '#kernel/context.ts';
import { publishedOffice, publishedService } from '#modules/catalog/index.ts';
import { answersSchema, answersValidator } from '../definition/answers-schema.ts';
import { isFileAnswer, isGroupRows, type Answers, type FileAnswer } from '../definition/answers.ts';
import type { FormDefinition } from '../definition/schema.ts';
import { caseWithForm } from '../repo.casework.ts';
import { applicationsDb } from '../repo.forms.ts';
import { formVersion } from '../service.forms.ts';
import { ensureReceipt, receiptFilename } from '../service.receipt.ts';
import type { CaseRow } from '../tables.ts';
import { exportFormat, type CaseManifest, type CasePackage, type ManifestField, type ManifestFile, type PackageFile } from './exporter.ts';

/*
 * Builds the package of one case from what the case holds: its answers checked against the form's JSON
 * Schema, the receipt and every upload read back from the file store and checked against their SHA-256.
 * A case that does not fit is refused with a reason, never handed over half right.
 */

/** Why a case cannot be packaged; `retry`: whether it may work later (a file still being scanned). */
export type PackageRefusal = { reason: 'not-found' | 'invalid-answers' | 'receipt-missing' | 'file-pending' | 'file-unavailable'; detail: string; retry: boolean };
export type PackageResult = { ok: true; pkg: CasePackage } | ({ ok: false } & PackageRefusal);

const pointer = (...parts: (string | number)[]) => parts.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** Every question of the form by where its answer lies, with its FIM id; then what the procedure derives. */
function manifestFields(definition: FormDefinition, schema: Record<string, unknown>): ManifestField[] {
  const fim = (field: object) => ('fim' in field && typeof field.fim === 'string' ? { fim: field.fim } : {});
  const fields = definition.pages.flatMap((page) => page.fields).flatMap((field): ManifestField[] => {
    const own = { pointer: pointer(field.id), type: field.type, label: field.label.de, ...fim(field) };
    if (field.type !== 'group') return [own];
    return [own, ...field.fields.map((child) => ({ pointer: pointer(field.id, '*', child.id), type: child.type, label: child.label.de, ...fim(child) }))];
  });
  const asked = new Set(fields.map((field) => field.pointer));
  const properties = (schema.properties ?? {}) as Record<string, { title?: string }>;
  const derived = Object.entries(properties).filter(([id]) => !asked.has(pointer(id)));
  return [...fields, ...derived.map(([id, property]) => ({ pointer: pointer(id), type: 'derived', label: property.title ?? id }))];
}

/** Each uploaded file once, with the answers that name it. */
function uploadsOf(answers: Answers): { file: FileAnswer; answers: string[] }[] {
  const found = new Map<string, { file: FileAnswer; answers: string[] }>();
  const note = (file: FileAnswer, at: string) => {
    const known = found.get(file.fileId);
    if (known) known.answers.push(at);
    else found.set(file.fileId, { file, answers: [at] });
  };
  for (const [id, value] of Object.entries(answers)) {
    if (isFileAnswer(value)) note(value, pointer(id));
    if (!isGroupRows(value)) continue;
    value.forEach((row, index) => {
      for (const [child, cell] of Object.entries(row)) if (isFileAnswer(cell)) note(cell, pointer(id, index, child));
    });
  }
  return [...found.values()];
}

/** A name that is safe in any folder or archive: letters, digits, dot, dash and underscore, never leading dots. */
export const safeName = (name: string) => name.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(-100) || 'datei';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** A clean file's bytes from the store, or why they cannot be had. */
async function readFile(ctx: KernelContext, fileId: string): Promise<{ ok: true; content: Buffer } | ({ ok: false } & PackageRefusal)> {
  const opened = await ctx.files.open(fileId);
  if (!opened.ok) {
    const pending = opened.reason === 'pending';
    return { ok: false, reason: pending ? 'file-pending' : 'file-unavailable', detail: `${fileId}: ${opened.reason}`, retry: pending };
  }
  const content = Buffer.concat((await opened.content.toArray()) as Buffer[]);
  // The store names files by the SHA-256 of their bytes: anything else read back is not the file that was sent.
  if (sha256(content) !== fileId) return { ok: false, reason: 'file-unavailable', detail: `${fileId}: content does not match its SHA-256`, retry: false };
  return { ok: true, content };
}

/** The service and office as the catalogue names them now; the case keeps the office it went to. */
async function catalogueOf(ctx: KernelContext, made: CaseRow, definition: FormDefinition): Promise<Pick<CaseManifest, 'service' | 'office'>> {
  const service = made.service_slug ? await publishedService(ctx, made.service_slug) : null;
  const office = definition.office ? await publishedOffice(ctx, definition.office) : null;
  const officeTitle = office?.id === made.office_id ? office.content.title : service?.office?.id === made.office_id ? service.office.title : null;
  return {
    service: made.service_slug ? { slug: made.service_slug, title: service?.content.title ?? null, leikaKey: service?.content.leikaKey ?? null } : null,
    office: { id: made.office_id, title: officeTitle },
  };
}

/** The package of a case in the current format version, or the reason it cannot be made. */
export async function buildCasePackage(ctx: KernelContext, caseId: string, now = new Date()): Promise<PackageResult> {
  const made = await caseWithForm(applicationsDb(ctx.db), caseId);
  const form = made ? await formVersion(ctx, made.form_version_id) : undefined;
  if (!made || !form) return { ok: false, reason: 'not-found', detail: caseId, retry: false };
  const { definition } = form;
  const validate = answersValidator(definition);
  if (!validate(made.answers)) {
    const problems = (validate.errors ?? []).slice(0, 10).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim());
    return { ok: false, reason: 'invalid-answers', detail: problems.join('; '), retry: false };
  }
  const receipt = await ensureReceipt(ctx, made.id);
  if (!receipt) return { ok: false, reason: 'receipt-missing', detail: made.reference, retry: true };

  const files: PackageFile[] = [];
  const listed: ManifestFile[] = [];
  const add = async (fileId: string, entry: Omit<ManifestFile, 'bytes' | 'sha256'>): Promise<PackageRefusal | null> => {
    const read = await readFile(ctx, fileId);
    if (!read.ok) return read;
    files.push({ path: entry.path, content: read.content });
    listed.push({ ...entry, bytes: read.content.length, sha256: fileId });
    return null;
  };
  const receiptName = receiptFilename(made.reference);
  const refused = await add(receipt.fileId, { role: 'receipt', path: safeName(receiptName), name: receiptName, mediaType: 'application/pdf', answers: [] });
  if (refused) return { ok: false, ...refused };
  for (const [index, upload] of uploadsOf(made.answers).entries()) {
    const path = `files/${String(index + 1).padStart(2, '0')}-${safeName(upload.file.filename)}`;
    const failed = await add(upload.file.fileId, { role: 'upload', path, name: upload.file.filename, mediaType: upload.file.mediaType, answers: upload.answers });
    if (failed) return { ok: false, ...failed };
  }

  const schema = answersSchema(definition);
  const manifest: CaseManifest = {
    format: { name: exportFormat.name, version: exportFormat.version },
    exportedAt: now.toISOString(),
    authority: { name: ctx.config.CITY_NAME },
    case: {
      id: made.id,
      reference: made.reference,
      status: made.status,
      channel: made.channel,
      submittedAt: new Date(made.submitted_at).toISOString(),
      updatedAt: new Date(made.updated_at).toISOString(),
      closedAt: made.closed_at ? new Date(made.closed_at).toISOString() : null,
    },
    form: { key: definition.key, version: form.version, title: { ...definition.title }, procedure: definition.procedure ?? null, fields: manifestFields(definition, schema) },
    ...(await catalogueOf(ctx, made, definition)),
    applicant: { ...made.applicant },
    answersSchema: 'answers.schema.json',
    answers: made.answers,
    files: listed,
  };
  return { ok: true, pkg: { caseId: made.id, reference: made.reference, formatVersion: exportFormat.version, manifest, answersSchema: schema, files } };
}
