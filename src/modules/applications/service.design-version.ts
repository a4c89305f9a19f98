import { recordAudit } from '#kernel/audit.ts';
import { actorId, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { publishedOffice, publishedService } from '#modules/catalog/index.ts';
import type { FormDefinition } from './definition/schema.ts';
import { printableFormPdf, type PrintableLabels } from './pdf/printable.ts';
import { applicationsPermissions } from './permissions.ts';
import { isUniqueViolation } from '#kernel/db/errors.ts';
import { lockVersion, recordPublisher } from './repo.design.ts';
import { applicationsDb, findFormVersion, findPublishedForm, markPublished, retirePublished } from './repo.forms.ts';
import { accountNamesOf } from './service.design.ts';
import { formVersion, type LoadedForm } from './service.forms.ts';
import type { FormVersionRow } from './tables.ts';

/*
 * A version seen by its designers (facts, preview, printable form) and its publication: the version new
 * applications start from changes in one transaction, while drafts and cases keep the version they were
 * made with.
 */

const designForms = applicationsPermissions.designForms;

/** Why the catalogue keeps a form from citizens: the service or office it names is not public, or no office receives it. */
export type CatalogueProblem = { reason: 'service-not-published'; slug: string } | { reason: 'office-not-published'; slug: string } | { reason: 'no-office' };

export interface ReceivingOffice {
  title: string;
  street: string;
  postalCode: string;
  city: string;
}

/** The office that would receive the form's cases, as the catalogue publishes it; or why there is none. */
async function receivingOffice(ctx: KernelContext, definition: FormDefinition): Promise<{ ok: true; office: ReceivingOffice } | ({ ok: false } & CatalogueProblem)> {
  const service = definition.service ? await publishedService(ctx, definition.service) : null;
  if (definition.service && !service) return { ok: false, reason: 'service-not-published', slug: definition.service };
  const named = definition.office ? await publishedOffice(ctx, definition.office) : null;
  if (definition.office && !named) return { ok: false, reason: 'office-not-published', slug: definition.office };
  const office = named?.content ?? service?.office;
  return office ? { ok: true, office: { title: office.title, street: office.street, postalCode: office.postalCode, city: office.city } } : { ok: false, reason: 'no-office' };
}

export interface DesignVersion {
  /** Read now, not from the cache of loaded versions: its status is what changes. */
  row: FormVersionRow;
  form: LoadedForm;
  /** The form's published version, when another one is. */
  published: { id: string; version: number } | null;
  uploadedBy: string | null;
  publishedBy: string | null;
  receiving: Awaited<ReturnType<typeof receivingOffice>>;
}

/** A version with what its page tells the designer: who made and published it, and whether it can be published. */
export async function designVersion(ctx: KernelContext, actor: Actor, versionId: string): Promise<DesignVersion | undefined> {
  ctx.permissions.require(actor, designForms);
  const db = applicationsDb(ctx.db);
  const row = await findFormVersion(db, versionId);
  const form = row ? await formVersion(ctx, row.id) : undefined;
  if (!row || !form) return undefined;
  const current = await findPublishedForm(db, row.form_key);
  const names = await accountNamesOf(ctx, [row.created_by, row.published_by]);
  return {
    row,
    form,
    published: current && current.id !== row.id ? { id: current.id, version: current.version } : null,
    uploadedBy: row.created_by ? (names.get(row.created_by) ?? null) : null,
    publishedBy: row.published_by ? (names.get(row.published_by) ?? null) : null,
    receiving: await receivingOffice(ctx, form.definition),
  };
}

/** A version to preview page by page; its texts are registered like those of any version citizens fill in. */
export async function previewVersion(ctx: KernelContext, actor: Actor, versionId: string): Promise<LoadedForm | undefined> {
  ctx.permissions.require(actor, designForms);
  return formVersion(ctx, versionId);
}

export type PublishResult =
  | { ok: true; formKey: string; version: number; retired: number | null }
  | ({ ok: false } & ({ reason: 'not-found' | 'not-draft' | 'conflict' } | { reason: 'older-than-published'; published: number } | CatalogueProblem));

/**
 * Puts a draft version before citizens: the published one is retired and the draft published in one
 * transaction with its audit record; the table's trigger tells the page cache, so service pages and new
 * applications take the new version at once. Refused while the catalogue does not publish the service or
 * office the form names, and for a draft older than the published version.
 */
export async function publishVersion(ctx: KernelContext, actor: Actor, versionId: string): Promise<PublishResult> {
  ctx.permissions.require(actor, designForms);
  const row = await findFormVersion(applicationsDb(ctx.db), versionId);
  if (!row) return { ok: false, reason: 'not-found' };
  if (row.status !== 'draft') return { ok: false, reason: 'not-draft' };
  const receiving = await receivingOffice(ctx, row.definition);
  if (!receiving.ok) return receiving;
  try {
    return await ctx.db.transaction().execute(async (trx): Promise<PublishResult> => {
      const db = applicationsDb(trx);
      const locked = await lockVersion(db, versionId);
      if (locked?.status !== 'draft') return { ok: false, reason: 'not-draft' };
      const current = await findPublishedForm(db, locked.form_key);
      if (current && current.version > locked.version) return { ok: false, reason: 'older-than-published', published: current.version };
      await retirePublished(db, locked.form_key);
      await markPublished(db, locked.id);
      await recordPublisher(db, locked.id, actorId(actor));
      const retired = current?.version ?? null;
      await recordAudit(trx, { actor }, { action: 'applications.form-published', subjectType: 'applications.form-version', subjectId: locked.id, meta: { formKey: locked.form_key, version: locked.version, retired } });
      return { ok: true, formKey: locked.form_key, version: locked.version, retired };
    });
  } catch (error) {
    // Another draft of the form was published between this one's checks and its own publication.
    if (isUniqueViolation(error)) return { ok: false, reason: 'conflict' };
    throw error;
  }
}

/**
 * A version's printable form, blank, as citizens will print it: the receiving office's address from the
 * catalogue in the envelope's window, or only the city's name while the catalogue names none.
 */
export async function printableVersion(ctx: KernelContext, actor: Actor, versionId: string, input: { lang: 'de' | 'en'; labels: PrintableLabels; cityLine: string }): Promise<{ pdf: Buffer; filename: string } | undefined> {
  ctx.permissions.require(actor, designForms);
  const form = await formVersion(ctx, versionId);
  if (!form) return undefined;
  const receiving = await receivingOffice(ctx, form.definition);
  const sendTo = receiving.ok ? [input.cityLine, receiving.office.title, receiving.office.street, `${receiving.office.postalCode} ${receiving.office.city}`] : [input.cityLine];
  const pdf = await printableFormPdf({ lang: input.lang, definition: form.definition, sendTo, city: ctx.config.CITY_NAME, labels: input.labels });
  return { pdf, filename: `${form.definition.key}-${form.version}.pdf` };
}
