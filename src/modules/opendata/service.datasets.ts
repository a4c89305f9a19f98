import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import { isCalendarDay } from '#kernel/calendar.ts';
import type { KernelContext } from '#kernel/context.ts';
import { dataThemes, frequencies, licences, type DataTheme, type Frequency, type LicenceId } from '#kernel/declarations/datasets.ts';
import { hvdCategories } from './hvd.ts';
import { inOrganization, opendataPermissions } from './permissions.ts';
import { datasetRowByName, opendataDb, organizationRowByName } from './repo.ts';
import type { DatasetState } from './tables.ts';
import { reindexDataset } from './search.ts';

/*
 * Writing datasets: their metadata, publishing and withdrawing them. A publisher writes for the organisation
 * their role is bound to; each change is audited and moves `modified_at`, which harvesters ask by.
 */

export interface DatasetInput {
  name: string;
  organization: string;
  title: string;
  titleEn?: string | null;
  description: string;
  descriptionEn?: string | null;
  keywords: string[];
  themes: string[];
  licence: string;
  attribution?: string | null;
  contactName?: string | null;
  contactEmail?: string | null;
  contactUrl?: string | null;
  temporalStart?: string | null;
  temporalEnd?: string | null;
  spatial: string[];
  frequency: string;
  conformsTo?: string | null;
  hvdCategory?: string | null;
  demo?: boolean;
}

/** What is wrong with each field, as i18n keys under `opendata:datasets.problems`. */
export type DatasetProblems = Partial<Record<keyof DatasetInput, string>>;

const namePattern = /^[a-z0-9_-]{2,100}$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const isUrl = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};
const filled = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim() !== '';

/** The checks every way in shares (the staff form, the CKAN write API, the seed): what a harvester needs, right. */
export function datasetProblems(input: DatasetInput): DatasetProblems {
  const problems: DatasetProblems = {};
  if (!namePattern.test(input.name)) problems.name = 'opendata:datasets.problems.name';
  if (!filled(input.title) || input.title.length > 200) problems.title = 'opendata:datasets.problems.title';
  if (!filled(input.description)) problems.description = 'opendata:datasets.problems.description';
  if (!(input.licence in licences)) problems.licence = 'opendata:datasets.problems.licence';
  else if (!licences[input.licence as LicenceId]) problems.licence = 'opendata:datasets.problems.licenceClosed';
  if (!frequencies.includes(input.frequency as Frequency)) problems.frequency = 'opendata:datasets.problems.frequency';
  if (input.themes.length === 0 || input.themes.some((theme) => !dataThemes.includes(theme as DataTheme))) problems.themes = 'opendata:datasets.problems.themes';
  if (input.keywords.some((keyword) => !filled(keyword) || keyword.length > 100)) problems.keywords = 'opendata:datasets.problems.keywords';
  if (filled(input.contactEmail) && !emailPattern.test(input.contactEmail)) problems.contactEmail = 'opendata:datasets.problems.email';
  if (filled(input.contactUrl) && !isUrl(input.contactUrl)) problems.contactUrl = 'opendata:datasets.problems.url';
  if (!filled(input.contactEmail) && !filled(input.contactUrl)) problems.contactEmail ??= 'opendata:datasets.problems.contact';
  if (filled(input.conformsTo) && !isUrl(input.conformsTo)) problems.conformsTo = 'opendata:datasets.problems.url';
  if (filled(input.temporalStart) && !isCalendarDay(input.temporalStart)) problems.temporalStart = 'opendata:datasets.problems.day';
  if (filled(input.temporalEnd) && !isCalendarDay(input.temporalEnd)) problems.temporalEnd = 'opendata:datasets.problems.day';
  if (filled(input.temporalStart) && filled(input.temporalEnd) && !problems.temporalStart && !problems.temporalEnd && input.temporalEnd < input.temporalStart) {
    problems.temporalEnd = 'opendata:datasets.problems.period';
  }
  if (filled(input.hvdCategory) && !hvdCategories.some((category) => category.code === input.hvdCategory)) problems.hvdCategory = 'opendata:datasets.problems.hvdCategory';
  // Regulation 2023/138 art. 4: high-value datasets are reusable under CC BY 4.0 or something more open.
  if (filled(input.hvdCategory) && !['cc-by/4.0', 'cc-zero', 'dl-zero-de/2.0'].includes(input.licence)) problems.licence ??= 'opendata:datasets.problems.hvdLicence';
  return problems;
}

export type DatasetWrite = { ok: true; id: string; name: string } | { ok: false; reason: 'invalid'; problems: DatasetProblems } | { ok: false; reason: 'name-taken' | 'unknown-organization' };

const orNull = (value: string | null | undefined) => (filled(value) ? value.trim() : null);

function columns(input: DatasetInput) {
  return {
    name: input.name,
    title: input.title.trim(),
    title_en: orNull(input.titleEn),
    description: input.description.trim(),
    description_en: orNull(input.descriptionEn),
    keywords: [...new Set(input.keywords.map((keyword) => keyword.trim()))],
    themes: [...new Set(input.themes)],
    licence: input.licence,
    attribution: orNull(input.attribution),
    contact_name: orNull(input.contactName),
    contact_email: orNull(input.contactEmail),
    contact_url: orNull(input.contactUrl),
    temporal_start: orNull(input.temporalStart),
    temporal_end: orNull(input.temporalEnd),
    spatial: input.spatial.map((place) => place.trim()).filter(Boolean),
    frequency: input.frequency,
    conforms_to: orNull(input.conformsTo),
    hvd_category: orNull(input.hvdCategory),
    demo: input.demo ?? false,
  };
}

/** A new dataset, a draft until published (or active at once, for a script that says so). */
export async function createDataset(ctx: KernelContext, actor: Actor, input: DatasetInput, options: { state?: DatasetState; declarationId?: string } = {}): Promise<DatasetWrite> {
  const db = opendataDb(ctx.db);
  const organization = await organizationRowByName(db, input.organization);
  if (!organization) return { ok: false, reason: 'unknown-organization' };
  ctx.permissions.require(actor, opendataPermissions.publish, inOrganization(organization.id));
  const problems = datasetProblems(input);
  if (Object.keys(problems).length > 0) return { ok: false, reason: 'invalid', problems };
  return ctx.db.transaction().execute(async (trx) => {
    const tx = opendataDb(trx);
    if (await datasetRowByName(tx, input.name)) return { ok: false, reason: 'name-taken' } as const;
    const state = options.state ?? 'draft';
    const row = await tx
      .insertInto('opendata_datasets')
      .values({ ...columns(input), organization_id: organization.id, state, declaration_id: options.declarationId ?? null, issued_at: state === 'active' ? new Date() : null })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor }, { action: 'opendata.dataset-created', subjectType: 'opendata.dataset', subjectId: row.id, meta: { name: row.name, state } });
    await reindexDataset(trx, row.id);
    return { ok: true, id: row.id, name: row.name } as const;
  });
}

/** New metadata for a dataset (all fields, as the form and `package_update` send them); moving it to another organisation needs rights in both. */
export async function updateDataset(ctx: KernelContext, actor: Actor, nameOrId: string, input: DatasetInput): Promise<DatasetWrite | { ok: false; reason: 'not-found' }> {
  const db = opendataDb(ctx.db);
  const current = await datasetRowByName(db, nameOrId);
  if (!current) return { ok: false, reason: 'not-found' };
  ctx.permissions.require(actor, opendataPermissions.publish, inOrganization(current.organization_id));
  const organization = await organizationRowByName(db, input.organization);
  if (!organization) return { ok: false, reason: 'unknown-organization' };
  ctx.permissions.require(actor, opendataPermissions.publish, inOrganization(organization.id));
  const problems = datasetProblems(input);
  if (Object.keys(problems).length > 0) return { ok: false, reason: 'invalid', problems };
  return ctx.db.transaction().execute(async (trx) => {
    const tx = opendataDb(trx);
    const other = await datasetRowByName(tx, input.name);
    if (other && other.id !== current.id) return { ok: false, reason: 'name-taken' } as const;
    await tx
      .updateTable('opendata_datasets')
      .set({ ...columns(input), organization_id: organization.id, modified_at: new Date() })
      .where('id', '=', current.id)
      .execute();
    await recordAudit(trx, { actor }, { action: 'opendata.dataset-changed', subjectType: 'opendata.dataset', subjectId: current.id, meta: { name: input.name } });
    await reindexDataset(trx, current.id);
    return { ok: true, id: current.id, name: input.name } as const;
  });
}

/** Publishes, withdraws to draft, or deletes (harvesters then see it as deleted); the first publication sets `issued`. */
export async function setDatasetState(ctx: KernelContext, actor: Actor, nameOrId: string, state: DatasetState): Promise<{ ok: true } | { ok: false; reason: 'not-found' }> {
  const db = opendataDb(ctx.db);
  const current = await datasetRowByName(db, nameOrId);
  if (!current) return { ok: false, reason: 'not-found' };
  ctx.permissions.require(actor, opendataPermissions.publish, inOrganization(current.organization_id));
  await ctx.db.transaction().execute(async (trx) => {
    await opendataDb(trx)
      .updateTable('opendata_datasets')
      .set({ state, modified_at: new Date(), issued_at: current.issued_at ?? (state === 'active' ? new Date() : null) })
      .where('id', '=', current.id)
      .execute();
    await recordAudit(trx, { actor }, { action: `opendata.dataset-${state === 'active' ? 'published' : state === 'deleted' ? 'deleted' : 'withdrawn'}`, subjectType: 'opendata.dataset', subjectId: current.id });
    await reindexDataset(trx, current.id);
  });
  return { ok: true };
}
