import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { inOrganization, opendataPermissions } from './permissions.ts';
import { opendataDb } from './repo.ts';
import type { PublishedField, PublishedTableSchema } from './tables.ts';

/*
 * The data dictionary: what a publisher writes about each column of a resource's table (its title,
 * description and unit). Only the words change; names and types stay what the file and the DataStore have.
 * A later version keeps them (`mergeDictionary`).
 */

export interface ColumnWords {
  name: string;
  title: string;
  description: string;
  unit: string;
}

export type DictionaryWrite = { ok: true } | { ok: false; reason: 'not-found' | 'no-schema' | 'unknown-column' };

const words = (field: PublishedField, column: ColumnWords | undefined): PublishedField => {
  if (!column) return field;
  const { title: _title, description: _description, unit: _unit, ...rest } = field;
  return { ...rest, ...(column.title ? { title: column.title } : {}), ...(column.description ? { description: column.description } : {}), ...(column.unit ? { unit: column.unit } : {}) };
};

export async function updateDictionary(ctx: KernelContext, actor: Actor, resourceId: string, columns: readonly ColumnWords[]): Promise<DictionaryWrite> {
  const resource = await opendataDb(ctx.db)
    .selectFrom('opendata_resources as r')
    .innerJoin('opendata_datasets as d', 'd.id', 'r.dataset_id')
    .select(['r.id', 'r.table_schema', 'd.organization_id', 'd.id as dataset_id'])
    .where('r.id', '=', resourceId)
    .where('r.state', '=', 'active')
    .executeTakeFirst();
  if (!resource) return { ok: false, reason: 'not-found' };
  ctx.permissions.require(actor, opendataPermissions.publish, inOrganization(resource.organization_id));
  const schema: PublishedTableSchema | null = resource.table_schema;
  if (!schema) return { ok: false, reason: 'no-schema' };
  const byName = new Map(columns.map((column) => [column.name, column]));
  if ([...byName.keys()].some((name) => !schema.fields.some((field) => field.name === name))) return { ok: false, reason: 'unknown-column' };
  const changed: PublishedTableSchema = { ...schema, fields: schema.fields.map((field) => words(field, byName.get(field.name))) };
  await ctx.db.transaction().execute(async (trx) => {
    const db = opendataDb(trx);
    await db.updateTable('opendata_resources').set({ table_schema: JSON.stringify(changed), modified_at: new Date() }).where('id', '=', resourceId).execute();
    // The dictionary is part of the published metadata: harvesters ask by the dataset's modification time.
    await db.updateTable('opendata_datasets').set({ modified_at: new Date() }).where('id', '=', resource.dataset_id).execute();
    await recordAudit(trx, { actor }, { action: 'opendata.dictionary-changed', subjectType: 'opendata.resource', subjectId: resourceId, meta: { columns: byName.size } });
  });
  return { ok: true };
}
