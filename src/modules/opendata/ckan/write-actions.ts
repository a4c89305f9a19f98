import { fileTypes, type FileType } from '../dcat/vocabularies.ts';
import { formats, isFormatCode, linkFormatOf, type FormatCode } from '../formats.ts';
import { datasetByName } from '../service.catalog.ts';
import { createDataset, setDatasetState, updateDataset, type DatasetWrite } from '../service.datasets.ts';
import { addResource, receiveVersion } from '../service.resources.ts';
import type { Action, ActionContext } from './actions.ts';
import { datastoreUpsert } from './datastore-upsert.ts';
import { packageDict, resourceDict } from './dicts.ts';
import { notFound, validationError } from './envelope.ts';
import { required, text, type Params } from './params.ts';
import { applyPackage, emptyInput, inputOf, problemsError, type PackageWrite } from './write-dicts.ts';

/*
 * CKAN's write actions for the offices' scripts. Each maps CKAN's dictionary onto the services the staff
 * pages use, so checks, audit records (the client as actor) and `modified_at` are the same whichever way a
 * dataset was written. Access is checked by the routes' guard before the body is read, and again by each
 * service.
 */

export interface WriteContext extends ActionContext {
  /** The file a multipart `resource_create` brought (`upload`), already in the file store, or why the store refused it. */
  upload?: { fileId: string; filename: string; mediaType: string } | { refused: string };
}

type WriteAction = Action & { run(call: WriteContext, params: Params): Promise<unknown> };

async function shown(call: ActionContext, nameOrId: string) {
  const dataset = await datasetByName(call.ctx, nameOrId, { drafts: true });
  if (!dataset) throw notFound('opendata:ckan.errors.datasetNotFound');
  return packageDict(dataset, call.publicUrl, call.t);
}

/** A service's refusal of a dataset as CKAN words it. */
function refused(call: ActionContext, result: Exclude<DatasetWrite, { ok: true }> | { ok: false; reason: 'not-found' }): never {
  switch (result.reason) {
    case 'invalid':
      throw problemsError(result.problems, call.t);
    case 'name-taken':
      throw validationError({ name: 'That URL is already in use.' });
    case 'unknown-organization':
      throw validationError({ owner_org: 'Organization does not exist' });
    case 'not-found':
      throw notFound('opendata:ckan.errors.datasetNotFound');
  }
}

async function packageCreate(call: ActionContext, params: Params) {
  const write: PackageWrite = applyPackage(emptyInput(), params);
  const missing = (['name', 'owner_org'] as const).filter((key) => !text(params, key)?.trim());
  if (missing.length > 0) throw validationError(Object.fromEntries(missing.map((key) => [key, 'Missing value'])));
  // CKAN's package_create makes an active dataset unless the script asks for a draft.
  const state = write.state ?? 'active';
  if (state === 'deleted') throw validationError({ state: 'A new dataset cannot be deleted' });
  const result = await createDataset(call.ctx, call.actor, write.input, { state });
  if (!result.ok) refused(call, result);
  return shown(call, result.id);
}

async function packagePatch(call: ActionContext, params: Params) {
  const id = required(params, 'id');
  const current = await datasetByName(call.ctx, id, { drafts: true });
  if (!current) throw notFound('opendata:ckan.errors.datasetNotFound');
  const { id: _id, ...changes } = params;
  const write = applyPackage(inputOf(current), changes);
  const result = await updateDataset(call.ctx, call.actor, current.id, write.input);
  if (!result.ok) refused(call, result);
  if (write.state && write.state !== current.state) await setDatasetState(call.ctx, call.actor, current.id, write.state);
  return shown(call, current.id);
}

/**
 * The format a script names (`csv`, `CSV`, `text/csv`, for a link also `WMS_SRVC` or `wms srvc`), or the one
 * its file or address ends in: for an upload one the portal reads, for a link any file type the catalogue knows.
 */
function formatOf(params: Params, upload: WriteContext['upload']): FileType | undefined {
  const known = (code: string | undefined): FileType | undefined => {
    if (!code) return undefined;
    if (upload) return isFormatCode(code.toUpperCase()) ? (code.toUpperCase() as FormatCode) : undefined;
    return linkFormatOf(code)?.code;
  };
  const named = text(params, 'format')?.trim();
  if (named) return known(named) ?? (Object.keys(formats) as FormatCode[]).find((code) => formats[code].published === named.toLowerCase());
  const name = upload && 'filename' in upload ? upload.filename : (text(params, 'url') ?? '');
  return known(/\.([a-z]+)(?:[?#].*)?$/i.exec(name)?.[1]);
}

async function resourceCreate(call: WriteContext, params: Params) {
  const packageId = required(params, 'package_id');
  const dataset = await datasetByName(call.ctx, packageId, { drafts: true });
  if (!dataset || dataset.state === 'deleted') throw notFound('opendata:ckan.errors.datasetNotFound');
  const upload = call.upload;
  if (upload && 'refused' in upload) throw validationError({ upload: upload.refused });
  const url = text(params, 'url')?.trim();
  if (!upload && !url) throw validationError({ url: 'Missing value' });
  const format = formatOf(params, upload);
  if (!format) throw validationError({ format: `Missing value or not one of ${(upload ? Object.keys(formats) : fileTypes).join(', ')}` });
  // Checked before the resource is added, so a file of the wrong kind leaves no empty resource behind.
  if (upload && !(formats[format as FormatCode].mediaTypes as readonly string[]).includes(upload.mediaType)) throw validationError({ upload: `The file is no ${format} file` });
  const title = text(params, 'name')?.trim() || (upload ? upload.filename : '') || dataset.title;
  const added = await addResource(call.ctx, call.actor, dataset.id, { title, description: text(params, 'description') ?? '', format, externalUrl: upload ? null : url });
  if (!added.ok && added.reason === 'not-found') throw notFound('opendata:ckan.errors.datasetNotFound');
  if (!added.ok) throw validationError(Object.fromEntries(Object.entries(added.problems).map(([field, key]) => [field === 'externalUrl' ? 'url' : field === 'title' ? 'name' : field, call.t(key)])));
  if (upload) {
    // Processed as a staff upload is: checked by the job, loaded into the DataStore when it is a valid table.
    const received = await receiveVersion(call.ctx, call.actor, added.id, { fileId: upload.fileId, filename: upload.filename, note: null });
    if (!received.ok) throw validationError({ upload: received.reason === 'wrong-type' ? `The file is no ${format} file` : `The file cannot be taken (${received.reason})` });
  }
  const after = await datasetByName(call.ctx, dataset.id, { drafts: true });
  const resource = after?.resources.find((one) => one.id === added.id);
  if (!after || !resource) throw notFound('opendata:ckan.errors.resourceNotFound');
  return resourceDict(after, resource, call.publicUrl);
}

export const writeActions: Record<string, WriteAction> = {
  package_create: { sideEffectFree: false, run: packageCreate },
  package_patch: { sideEffectFree: false, run: packagePatch },
  resource_create: { sideEffectFree: false, run: resourceCreate },
  datastore_upsert: { sideEffectFree: false, run: datastoreUpsert },
};
