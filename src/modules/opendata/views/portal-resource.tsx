import { Heading, Pagination, Select, SubmitButton } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { dumpPath } from '../addresses.ts';
import { GeometryMap } from '../chart/map.tsx';
import { chartRows, geometryField, geometryOf, isIdentifier, numberOf, planChart, type Cell } from '../chart/plan.ts';
import { BarChart, LineChart } from '#kernel/html/charts.tsx';
import type { Dataset, Resource, ResourceVersion } from '../model.ts';
import type { PublishedField } from '../tables.ts';
import { DemoBadge, datasetTitle, formatNumber, resourceTitle } from './portal-parts.tsx';
import { DownloadLink, ResourceFacts, VersionList } from './portal-resource-card.tsx';

export interface PreviewSort {
  column: string;
  direction: 'asc' | 'desc';
}

export interface Preview {
  fields: PublishedField[];
  records: Record<string, Cell>[];
  total: number;
  offset: number;
  limit: number;
  sort: PreviewSort | null;
  /** A column to show one group of rows by (a place), its values, and the one shown (null: all rows). */
  group?: { field: PublishedField; values: readonly string[]; chosen: string | null };
}

export interface ResourcePageProps {
  page: PageContext;
  dataset: Dataset;
  resource: Resource;
  versions: readonly ResourceVersion[];
  preview: Preview | null;
  /** The preview's address for a page of rows and an order. */
  previewHref: (pageNumber: number, sort: PreviewSort | null) => string;
}

const fieldTitle = (field: PublishedField) => field.title ?? field.name;

function Dictionary({ page, fields }: { page: PageContext; fields: readonly PublishedField[] }) {
  const { t } = page;
  return (
    <section aria-labelledby="datenbeschreibung" class="kern-stack-sm">
      <h2 class="kern-heading-medium" id="datenbeschreibung">
        {t('opendata:portal.resource.dictionary')}
      </h2>
      <div class="kern-table-responsive">
        <table class="kern-table kern-table--small">
          <caption class="kern-sr-only">{t('opendata:portal.resource.dictionary')}</caption>
          <thead class="kern-table__header">
            <tr class="kern-table__row">
              <th class="kern-table__header" scope="col">
                {t('opendata:portal.resource.column')}
              </th>
              <th class="kern-table__header" scope="col">
                {t('opendata:portal.resource.type')}
              </th>
              <th class="kern-table__header" scope="col">
                {t('opendata:portal.resource.description')}
              </th>
              <th class="kern-table__header" scope="col">
                {t('opendata:portal.resource.unit')}
              </th>
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {fields.map((field) => (
              <tr class="kern-table__row" key={field.name}>
                <th class="kern-table__cell" scope="row">
                  {fieldTitle(field)}
                  {field.title && field.title !== field.name ? (
                    <>
                      <br />
                      <code>{field.name}</code>
                    </>
                  ) : null}
                </th>
                <td class="kern-table__cell">{t(`opendata:portal.resource.types.${field.type}`)}</td>
                <td class="kern-table__cell">{field.description ?? ''}</td>
                <td class="kern-table__cell">{field.unit ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const shortDates = { de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'UTC' }), en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }) };
const months = { de: new Intl.DateTimeFormat('de-DE', { month: 'short', year: 'numeric', timeZone: 'UTC' }), en: new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }) };

// Five decimals place a point to about a metre: enough to find it, no false precision.
const coordinates = { de: new Intl.NumberFormat('de-DE', { maximumFractionDigits: 5 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 5 }) };

/**
 * A cell as text in the reader's language; a geometry as its kind, a point with its coordinates. Numbers are
 * grouped (1.234,5), except those of an identifier column, which stay as they are looked up (900001).
 */
export function cellText(page: Pick<PageContext, 't' | 'lang'>, field: PublishedField, value: Cell | undefined, options: { identifier?: boolean } = {}): string {
  if (value === null || value === undefined || value === '') return '';
  if (field.type === 'geojson') {
    const geometry = geometryOf(value);
    if (!geometry) return '';
    if (geometry.type !== 'Point') return geometry.type;
    const [lon, lat] = geometry.coordinates;
    return `${page.t('opendata:portal.resource.point')} ${coordinates[page.lang].format(lat)} / ${coordinates[page.lang].format(lon)}`;
  }
  if (typeof value === 'boolean') return page.t(value ? 'opendata:portal.resource.yes' : 'opendata:portal.resource.no');
  if (typeof value === 'number') return field.type === 'year' || options.identifier ? String(value) : formatNumber(value, page.lang);
  if (field.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return shortDates[page.lang].format(new Date(`${value.slice(0, 10)}T00:00:00Z`));
  // "Dez. 2025" rather than "2025-12", which a narrow column breaks at its hyphen; the space does not break either.
  if (field.type === 'yearmonth' && typeof value === 'string' && /^\d{4}-\d{2}$/.test(value)) return months[page.lang].format(new Date(`${value}-01T00:00:00Z`)).replace(/ /g, '\u00a0');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function SortLink({ page, field, sort, href }: { page: PageContext; field: PublishedField; sort: PreviewSort | null; href: ResourcePageProps['previewHref'] }) {
  const current = sort?.column === field.name ? sort.direction : null;
  const next: PreviewSort = { column: field.name, direction: current === 'asc' ? 'desc' : 'asc' };
  return (
    <a class="kern-link" href={href(1, next)}>
      {fieldTitle(field)}
      <span class="kern-sr-only">, {page.t('opendata:portal.resource.sortBy', { column: fieldTitle(field) })}</span>
      {current ? <span aria-hidden="true">{current === 'asc' ? ' ▲' : ' ▼'}</span> : null}
    </a>
  );
}

/** A GET form to show the rows of one group (one place), so their numbers along the time make a line. */
function GroupChoice({ page, group, sort, href }: { page: PageContext; group: NonNullable<Preview['group']>; sort: PreviewSort | null; href: ResourcePageProps['previewHref'] }) {
  const { t } = page;
  const column = fieldTitle(group.field);
  return (
    <form method="get" action={href(1, null)} class="opendata-group-choice">
      <input type="hidden" name="spalte" value={group.field.name} />
      {sort ? <input type="hidden" name="sortierung" value={sort.column} /> : null}
      {sort ? <input type="hidden" name="richtung" value={sort.direction === 'asc' ? 'auf' : 'ab'} /> : null}
      <Select
        name="wert"
        label={t('opendata:portal.resource.group', { column })}
        hint={t('opendata:portal.resource.groupHint')}
        value={group.chosen ?? ''}
        choices={[{ value: '', label: t('opendata:portal.resource.groupAll') }, ...group.values.map((value) => ({ value, label: value }))]}
      />
      <SubmitButton kind="secondary" label={t('opendata:portal.resource.groupShow')} />
    </form>
  );
}

function PreviewTable({ page, title, preview, primaryKey, href }: { page: PageContext; title: string; preview: Preview; primaryKey: readonly string[]; href: ResourcePageProps['previewHref'] }) {
  const { t } = page;
  const from = preview.total === 0 ? 0 : preview.offset + 1;
  const to = preview.offset + preview.records.length;
  const pages = Math.max(1, Math.ceil(preview.total / preview.limit));
  // Identifiers line up as the codes they are, on the left; measures on the right, so their places align.
  const identifiers = new Set(preview.fields.filter((field) => isIdentifier(field, primaryKey)).map((field) => field.name));
  const numeric = (field: PublishedField) => (field.type === 'integer' || field.type === 'number') && !identifiers.has(field.name);
  return (
    <section aria-labelledby="vorschau" class="kern-stack-sm">
      <h2 class="kern-heading-medium" id="vorschau">
        {t('opendata:portal.resource.preview')}
      </h2>
      {preview.group ? <GroupChoice page={page} group={preview.group} sort={preview.sort} href={href} /> : null}
      {/* Focusable, so a keyboard scrolls a table wider than the screen; named by its caption. */}
      <section class="kern-table-responsive" tabindex={0} aria-labelledby="vorschau-titel">
        <table class="kern-table kern-table--small kern-table--striped">
          <caption id="vorschau-titel">{t('opendata:portal.resource.previewCaption', { title, from, to, total: formatNumber(preview.total, page.lang) })}</caption>
          <thead class="kern-table__header">
            <tr class="kern-table__row">
              <th class="kern-table__header kern-table__header--numeric" scope="col">
                {t('opendata:portal.resource.row')}
              </th>
              {preview.fields.map((field) => (
                <th
                  key={field.name}
                  class={`kern-table__header${numeric(field) ? ' kern-table__header--numeric' : ''}`}
                  scope="col"
                  aria-sort={preview.sort?.column === field.name ? (preview.sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {field.type === 'geojson' ? fieldTitle(field) : <SortLink page={page} field={field} sort={preview.sort} href={href} />}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="kern-table__body">
            {preview.records.map((record, index) => (
              <tr class="kern-table__row" key={index}>
                <th class="kern-table__cell kern-table__cell--numeric" scope="row">
                  {preview.offset + index + 1}
                </th>
                {preview.fields.map((field) => (
                  <td key={field.name} class={`kern-table__cell${numeric(field) ? ' kern-table__cell--numeric' : ''}${isUuid(record[field.name]) ? ' opendata-cell-uuid' : ''}`}>
                    {cellText(page, field, record[field.name], { identifier: identifiers.has(field.name) })}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <Pagination page={page} current={Math.floor(preview.offset / preview.limit) + 1} pages={pages} href={(n) => href(n, preview.sort)} />
    </section>
  );
}

const uuidPattern = /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;
const isUuid = (value: unknown) => typeof value === 'string' && uuidPattern.test(value);

function Pictures({ page, resource, preview }: { page: PageContext; resource: Resource; preview: Preview }) {
  const { t, lang } = page;
  const plan = planChart(preview.fields, preview.records);
  const geometry = geometryField(preview.fields);
  if (!plan && !geometry) return null;
  const format = (value: number) => formatNumber(value, lang);
  const rows = plan ? chartRows(plan, preview.records) : [];
  return (
    <>
      {plan ? (
        <section aria-labelledby="diagramm" class="kern-stack-sm">
          <h2 class="kern-heading-medium" id="diagramm">
            {t('opendata:portal.resource.chart')}
          </h2>
          <p class="kern-body kern-body--small">{t('opendata:portal.chart.shown')}</p>
          {plan.values.map((field) => {
            const values = rows.map((record) => numberOf(record[field.name]));
            const numbers = values.filter((value): value is number => value !== null);
            if (numbers.length === 0) return null;
            const props = {
              id: `diagramm-${field.name}`,
              title: t('opendata:portal.chart.title', { value: fieldTitle(field), label: fieldTitle(plan.label) }),
              desc: t('opendata:portal.chart.desc', { kind: t(`opendata:portal.chart.${plan.kind}`), count: numbers.length, min: format(Math.min(...numbers)), max: format(Math.max(...numbers)) }),
              labels: rows.map((record) => cellText(page, plan.label, record[plan.label.name])),
              values,
              format,
            };
            return (
              <figure key={field.name} class="opendata-figure">
                <figcaption class="kern-body kern-body--bold" aria-hidden="true">
                  {props.title}
                </figcaption>
                {plan.kind === 'bar' ? <BarChart {...props} /> : <LineChart {...props} />}
              </figure>
            );
          })}
        </section>
      ) : null}
      {geometry ? (
        <section aria-labelledby="karte" class="kern-stack-sm">
          <h2 class="kern-heading-medium" id="karte">
            {t('opendata:portal.resource.map')}
          </h2>
          <figure class="opendata-figure">
            <GeometryMap
              id={`karte-${resource.id}`}
              title={t('opendata:portal.resource.mapTitle', { title: resourceTitle(lang, resource).text })}
              desc={t('opendata:portal.resource.mapDesc', { count: preview.records.length, column: fieldTitle(geometry) })}
              geometries={preview.records.map((record) => geometryOf(record[geometry.name]))}
              firstRow={preview.offset + 1}
            />
            <figcaption class="kern-body kern-body--small">{t('opendata:portal.resource.mapText')}</figcaption>
          </figure>
        </section>
      ) : null}
    </>
  );
}

function Exports({ page, resource, fields }: { page: PageContext; resource: Resource; fields: readonly PublishedField[] }) {
  const formats = ['csv', 'json', ...(geometryField(fields) ? ['geojson'] : [])];
  return (
    <section aria-labelledby="export" class="kern-stack-xs">
      <h2 class="kern-heading-small" id="export">
        {page.t('opendata:portal.resource.exports')}
      </h2>
      <ul class="kern-list kern-list--horizontal">
        {formats.map((format) => (
          <li key={format}>
            <a class="kern-link" href={`${dumpPath(resource.id)}?format=${format}`} download>
              {format.toUpperCase()}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ResourcePage({ page, dataset, resource, versions, preview, previewHref }: ResourcePageProps) {
  const { t, lang } = page;
  const title = resourceTitle(lang, resource);
  const fields = resource.tableSchema?.fields ?? [];
  return (
    <div class="kern-stack-lg opendata-resource-page">
      <div class="kern-stack-sm">
        <Heading lead={datasetTitle(lang, dataset).text} leadLang={datasetTitle(lang, dataset).lang}>
          <span lang={title.lang}>{title.text}</span>
        </Heading>
        {dataset.demo ? <DemoBadge page={page} /> : null}
      </div>
      {resource.description ? (
        <p class="kern-body" lang={lang === 'de' ? undefined : 'de'}>
          {resource.description}
        </p>
      ) : null}
      <ResourceFacts page={page} resource={resource} />
      <div class="opendata-actions">
        <DownloadLink page={page} dataset={dataset} resource={resource} />
      </div>
      <VersionList page={page} dataset={dataset} resource={resource} versions={versions} />
      {preview ? <PreviewTable page={page} title={title.text} preview={preview} primaryKey={resource.tableSchema?.primaryKey ?? []} href={previewHref} /> : resource.current && fields.length > 0 ? <p class="kern-body">{t('opendata:portal.resource.previewNone')}</p> : null}
      {preview ? <Pictures page={page} resource={resource} preview={preview} /> : null}
      {preview && resource.datastoreActive ? <Exports page={page} resource={resource} fields={preview.fields} /> : null}
      {fields.length > 0 ? <Dictionary page={page} fields={fields} /> : null}
    </div>
  );
}
