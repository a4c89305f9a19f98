import type { TFunction } from 'i18next';
import { auditActionLabel } from '#kernel/audit.ts';
import { Heading } from '#kernel/html/components.tsx';
import { formatDateTime, isoString } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';

/*
 * The data download, readable: every section of the same JSON, with field names and values in words. Each
 * module names its own fields under `personalData` in its texts; names every module shares (created_at,
 * email …) are this module's. A field no one names shows as it is called in the download, so nothing is
 * left out for want of a label.
 */

/** The sections of the download that belong to accounts; every other top-level key is a module's id. */
const ownSections = ['profile', 'roles', 'externalLogins', 'sessions', 'consents'] as const;
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function isRecord(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field's name in words: the module's own, then the shared one, then as it is called in the download. */
function fieldLabel(t: TFunction, namespace: string, key: string): string {
  return t(`${namespace}:personalData.fields.${key}`, { defaultValue: t(`accounts:dataView.fields.${key}`, { defaultValue: key }) });
}

function Value({ t, lang, namespace, field, value }: { t: TFunction; lang: PageContext['lang']; namespace: string; field: string; value: Json }) {
  if (value === null || value === '') return <>{t('accounts:dataView.none')}</>;
  if (typeof value === 'boolean') return <>{t(value ? 'accounts:dataView.yes' : 'accounts:dataView.no')}</>;
  if (typeof value === 'number') return <>{value.toLocaleString(lang)}</>;
  if (typeof value === 'string') {
    // A file's content is in the download; as a page it would be pages of letters and digits.
    if (field.endsWith('_base64')) return <>{t('accounts:dataView.fileContent', { count: Buffer.from(value, 'base64').length })}</>;
    if (isoInstant.test(value)) return <time datetime={isoString(value)}>{formatDateTime(value, lang)}</time>;
    if (field === 'action') return <>{`${auditActionLabel(t, value)} (${value})`}</>;
    const words = t(`${namespace}:personalData.values.${field}.${value}`, { defaultValue: t(`accounts:dataView.values.${field}.${value}`, { defaultValue: '' }) });
    return <span class="data-view__text">{words || value}</span>;
  }
  if (Array.isArray(value)) return <Entries t={t} lang={lang} namespace={namespace} items={value} />;
  if (Object.keys(value).length === 0) return <>{t('accounts:dataView.none')}</>;
  return <Fields t={t} lang={lang} namespace={namespace} record={value} />;
}

function Fields({ t, lang, namespace, record }: { t: TFunction; lang: PageContext['lang']; namespace: string; record: { [key: string]: Json } }) {
  return (
    <dl class="kern-description-list">
      {Object.entries(record).map(([key, value]) => (
        <div class="kern-description-list-item" key={key}>
          <dt class="kern-description-list-item__key">{fieldLabel(t, namespace, key)}</dt>
          <dd class="kern-description-list-item__value">
            <Value t={t} lang={lang} namespace={namespace} field={key} value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Entries({ t, lang, namespace, items }: { t: TFunction; lang: PageContext['lang']; namespace: string; items: Json[] }) {
  if (items.length === 0) return <p class="kern-body">{t('accounts:dataView.empty')}</p>;
  return (
    <ol class="kern-list kern-list--number data-view__entries">
      {items.map((item, index) => (
        <li key={index}>{isRecord(item) ? <Fields t={t} lang={lang} namespace={namespace} record={item} /> : <Value t={t} lang={lang} namespace={namespace} field="" value={item} />}</li>
      ))}
    </ol>
  );
}

function Section({ page, id, title, namespace, value, level = 2 }: { page: PageContext; id: string; title: string; namespace: string; value: Json; level?: 2 | 3 }) {
  const { t, lang } = page;
  const Tag = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={`${id}-heading`} class="kern-stack-sm">
      <Tag class={level === 2 ? 'kern-heading-medium' : 'kern-heading-small'} id={`${id}-heading`}>
        {title}
      </Tag>
      {isRecord(value) ? <Fields t={t} lang={lang} namespace={namespace} record={value} /> : <Value t={t} lang={lang} namespace={namespace} field={id} value={value} />}
    </section>
  );
}

/** A module's part of the download, one subsection for each thing it keeps (messages, applications …). */
function ModuleSection({ page, module, value }: { page: PageContext; module: string; value: Json }) {
  const { t } = page;
  const parts = isRecord(value) ? Object.entries(value) : [];
  return (
    <section aria-labelledby={`${module}-heading`} class="kern-stack-md">
      <h2 class="kern-heading-medium" id={`${module}-heading`}>
        {t(`${module}:personalData.title`, { defaultValue: module })}
      </h2>
      {parts.length === 0 ? <p class="kern-body">{t('accounts:dataView.empty')}</p> : null}
      {parts.map(([key, part]) => (
        <Section key={key} page={page} id={`${module}-${key}`} title={t(`${module}:personalData.sections.${key}`, { defaultValue: key })} namespace={module} value={part} level={3} />
      ))}
    </section>
  );
}

export function DataViewPage({ page, data }: { page: PageContext; data: { exportedAt: string } & Record<string, unknown> }) {
  const { t, lang } = page;
  // As the download has it: dates as ISO strings, binary content as base64.
  const { exportedAt: _at, accessToYourData, ...rest } = JSON.parse(JSON.stringify(data)) as { [key: string]: Json };
  const exportedAt = data.exportedAt;
  const modules = Object.keys(rest).filter((key) => !(ownSections as readonly string[]).includes(key));
  return (
    <div class="kern-stack-lg data-view">
      <Heading lead={t('accounts:dataView.intro')}>{t('accounts:dataView.title')}</Heading>
      <p class="kern-body">
        {t('accounts:dataView.asOf')} <time datetime={exportedAt}>{formatDateTime(exportedAt, lang)}</time>
      </p>
      <p class="kern-body">
        <a class="kern-btn kern-btn--secondary" href="/konto/daten.json" download="meine-daten.json">
          <span class="kern-icon kern-icon--download kern-icon--default" aria-hidden="true" />
          <span class="kern-label">{t('accounts:data.download')}</span>
        </a>
      </p>
      {ownSections.map((key) => (
        <Section key={key} page={page} id={key} title={t(`accounts:dataView.sections.${key}`)} namespace="accounts" value={rest[key] ?? null} />
      ))}
      {modules.map((module) => (
        <ModuleSection key={module} page={page} module={module} value={rest[module] ?? null} />
      ))}
      <Section page={page} id="accessToYourData" title={t('accounts:dataView.sections.accessToYourData')} namespace="kernel" value={accessToYourData ?? []} />
    </div>
  );
}
