import Type from 'typebox';
import { dataThemes, frequencies, licences, type LicenceId } from '#kernel/declarations/datasets.ts';
import { defineForm } from '#kernel/forms/index.ts';
import { formatCodes, formats } from './formats.ts';
import { hvdCategories } from './hvd.ts';

/*
 * The publishers' forms. The organisation is a choice of ids from the database, so that field takes any id
 * and the service checks it; licences, themes, frequencies and HVD categories are the fixed vocabularies.
 */

/** The licences people pick most, first; the other open ones after them. Closed licences are not offered. */
const preferredLicences: LicenceId[] = ['dl-by-de/2.0', 'dl-zero-de/2.0', 'cc-by/4.0', 'cc-zero', 'cc-by-sa/4.0', 'odbl', 'officialWork'];
export const openLicences: LicenceId[] = [...preferredLicences, ...(Object.keys(licences) as LicenceId[]).filter((id) => licences[id] && !preferredLicences.includes(id))];
export const licenceLabelKey = (id: string) => `opendata:staff.licences.${id.replace(/[./]/g, '_')}`;

/** The city itself, by its Amtlicher Gemeindeschlüssel: what most of a city's datasets cover. */
export const citySpatial = '05370004';

/**
 * The largest file a publisher may upload. Large enough for a city's biggest tables (traffic counts over
 * years run to some hundred megabytes); a setting can replace it when a city needs more.
 */
export const maxUploadBytes = 200 * 1024 * 1024;
export const uploadMediaTypes = [...new Set(formatCodes.flatMap((code) => formats[code].mediaTypes as readonly string[]))];

const uuid = Type.String({ format: 'uuid' });
const datasetName = Type.String({ minLength: 1, maxLength: 100 });
export const DatasetParams = Type.Object({ name: datasetName });
export const StateParams = Type.Object({ name: datasetName, state: Type.Union([Type.Literal('veroeffentlichen'), Type.Literal('zurueckziehen')]) });
export const ResourceParams = Type.Object({ name: datasetName, resourceId: uuid });
export const VersionParams = Type.Object({ name: datasetName, resourceId: uuid, version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) });
export const NoticeQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })) });

export const VersionProgress = Type.Object({
  status: Type.String(),
  label: Type.String(),
  rowsLoaded: Type.Integer(),
  rowCount: Type.Union([Type.Integer(), Type.Null()]),
  finished: Type.Boolean(),
  text: Type.String(),
});

export const datasetForm = defineForm({
  id: 'opendata.staff-dataset',
  fields: {
    title: { kind: 'text', label: 'opendata:staff.fields.title', required: true, maxLength: 200 },
    name: { kind: 'text', label: 'opendata:staff.fields.name', hint: 'opendata:staff.fields.nameHint', required: true, maxLength: 100, autocomplete: 'off' },
    organization: { kind: 'choice', label: 'opendata:staff.fields.organization', widget: 'select', required: true, maxLength: 100 },
    description: { kind: 'textarea', label: 'opendata:staff.fields.description', required: true, maxLength: 20_000 },
    titleEn: { kind: 'text', label: 'opendata:staff.fields.titleEn', maxLength: 200 },
    descriptionEn: { kind: 'textarea', label: 'opendata:staff.fields.descriptionEn', maxLength: 20_000 },
    keywords: { kind: 'terms', label: 'opendata:staff.fields.keywords', hint: 'opendata:staff.fields.keywordsHint', maxItems: 30, maxLength: 3_000 },
    themes: { kind: 'choices', label: 'opendata:staff.fields.themes', required: true, options: dataThemes.map((code) => ({ value: code, label: `opendata:themes.${code}` })) },
    licence: { kind: 'choice', label: 'opendata:staff.fields.licence', widget: 'select', required: true, options: openLicences.map((id) => ({ value: id, label: licenceLabelKey(id) })) },
    attribution: { kind: 'text', label: 'opendata:staff.fields.attribution', hint: 'opendata:staff.fields.attributionHint', maxLength: 300 },
    frequency: { kind: 'choice', label: 'opendata:staff.fields.frequency', widget: 'select', required: true, options: frequencies.map((code) => ({ value: code, label: `opendata:portal.frequencies.${code}` })) },
    temporalStart: { kind: 'date', label: 'opendata:staff.fields.temporalStart' },
    temporalEnd: { kind: 'date', label: 'opendata:staff.fields.temporalEnd' },
    spatial: { kind: 'terms', label: 'opendata:staff.fields.spatial', hint: 'opendata:staff.fields.spatialHint', maxItems: 30, maxLength: 1_000 },
    hvdCategory: { kind: 'choice', label: 'opendata:staff.fields.hvdCategory', hint: 'opendata:staff.fields.hvdCategoryHint', widget: 'select', options: hvdCategories.map((category) => ({ value: category.code, label: `opendata:hvd.${category.key}` })) },
    contactName: { kind: 'text', label: 'opendata:staff.fields.contactName', hint: 'opendata:staff.fields.contactNameHint', maxLength: 200 },
    contactEmail: { kind: 'email', label: 'opendata:staff.fields.contactEmail', maxLength: 254 },
    contactUrl: { kind: 'text', label: 'opendata:staff.fields.contactUrl', maxLength: 500 },
    conformsTo: { kind: 'text', label: 'opendata:staff.fields.conformsTo', hint: 'opendata:staff.fields.conformsToHint', maxLength: 500 },
  },
});

export const resourceForm = defineForm({
  id: 'opendata.staff-resource',
  once: true,
  fields: {
    title: { kind: 'text', label: 'opendata:staff.resource.title', required: true, maxLength: 200 },
    description: { kind: 'textarea', label: 'opendata:staff.resource.description', maxLength: 5_000 },
    format: { kind: 'choice', label: 'opendata:staff.resource.format', widget: 'select', required: true, options: formatCodes.map((code) => ({ value: code, label: `opendata:staff.formats.${code}` })) },
  },
});

export const uploadForm = defineForm({
  id: 'opendata.staff-upload',
  once: true,
  fields: {
    file: { kind: 'file', label: 'opendata:staff.upload.file', hint: 'opendata:staff.upload.fileHint', required: true, accept: uploadMediaTypes, maxBytes: maxUploadBytes },
    note: { kind: 'text', label: 'opendata:staff.upload.note', hint: 'opendata:staff.upload.noteHint', maxLength: 500 },
  },
});

/** One row per column of the table schema; the hidden name keeps each row filled, so rows never shift. */
export const dictionaryForm = defineForm({
  id: 'opendata.staff-dictionary',
  fields: {
    column: {
      kind: 'group',
      label: 'opendata:staff.dictionary.column',
      // Wider tables are rare in a city's data; their further columns keep what the file brought.
      max: 300,
      spare: 0,
      fields: {
        name: { kind: 'hidden', maxLength: 200 },
        title: { kind: 'text', label: 'opendata:staff.dictionary.title', maxLength: 200 },
        description: { kind: 'textarea', label: 'opendata:staff.dictionary.description', maxLength: 2_000 },
        unit: { kind: 'text', label: 'opendata:staff.dictionary.unit', maxLength: 50 },
      },
    },
  },
});
