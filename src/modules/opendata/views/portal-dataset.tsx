import type { ComponentChildren } from 'preact';
import { Alert, Heading } from '#kernel/html/components.tsx';
import { isoString } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { datasetRdfPath, organizationPath } from '../addresses.ts';
import type { Dataset, ResourceVersion } from '../model.ts';
import { ApiBox, Citation } from './portal-api.tsx';
import { DemoBadge, Fact, Place, datasetTitle, formatDay, frequencyLabel, inLanguage, licenceLabel, licencePage, themeLabel } from './portal-parts.tsx';
import { ResourceCard } from './portal-resource-card.tsx';

export interface DatasetPageProps {
  page: PageContext;
  dataset: Dataset;
  /** Each resource's public versions, newest first. */
  versions: ReadonlyMap<string, readonly ResourceVersion[]>;
  publicUrl: string;
  today: string;
  /** The quality badge, once the score is there to show. */
  quality?: ComponentChildren;
}

export function Paragraphs({ text, lang }: { text: string; lang?: string | undefined }) {
  return (
    <div class="kern-stack-sm" lang={lang}>
      {text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph, index) => (
          <p class="kern-body" key={index}>
            {paragraph}
          </p>
        ))}
    </div>
  );
}

function Temporal({ page, temporal }: { page: PageContext; temporal: Dataset['temporal'] }) {
  if (!temporal) return null;
  const { t, lang } = page;
  const start = temporal.start ? formatDay(temporal.start, lang) : null;
  const end = temporal.end ? formatDay(temporal.end, lang) : null;
  return <>{start && end ? t('opendata:portal.dataset.temporalBetween', { start, end }) : start ? t('opendata:portal.dataset.temporalFrom', { start }) : t('opendata:portal.dataset.temporalTo', { end })}</>;
}

function Contact({ page, contact }: { page: PageContext; contact: Dataset['contact'] }) {
  if (!contact.email && !contact.url) return null;
  return (
    <>
      {contact.name ? <span>{contact.name}</span> : null}
      {contact.email ? (
        <>
          {contact.name ? <br /> : null}
          <a class="kern-link" href={`mailto:${contact.email}`}>
            {contact.email}
          </a>
        </>
      ) : null}
      {contact.url ? (
        <>
          {contact.name || contact.email ? <br /> : null}
          <a class="kern-link" href={contact.url}>
            {page.t('opendata:portal.organization.website')}
          </a>
        </>
      ) : null}
    </>
  );
}

function Facts({ page, dataset }: { page: PageContext; dataset: Dataset }) {
  const { t, lang } = page;
  return (
    <section aria-labelledby="fakten" class="kern-stack-sm">
      <h2 class="kern-heading-medium" id="fakten">
        {t('opendata:portal.dataset.facts')}
      </h2>
      <dl class="kern-description-list kern-description-list--col">
        <Fact label={t('opendata:portal.dataset.organization')}>
          <a class="kern-link" href={organizationPath(dataset.organization.name)}>
            {lang === 'en' && dataset.organization.titleEn ? dataset.organization.titleEn : dataset.organization.title}
          </a>
        </Fact>
        <Fact label={t('opendata:portal.dataset.licence')}>
          <a class="kern-link" href={licencePage(dataset.licence)} rel="license">
            {licenceLabel(page, dataset.licence)}
          </a>
          {dataset.attribution ? <p class="kern-body kern-body--small">{t('opendata:portal.dataset.attributionHint', { text: dataset.attribution })}</p> : null}
        </Fact>
        <Fact label={t('opendata:portal.dataset.modified')}>
          <time dateTime={isoString(dataset.modifiedAt)}>{formatDay(dataset.modifiedAt, lang)}</time>
        </Fact>
        <Fact label={t('opendata:portal.dataset.frequency')}>{frequencyLabel(page, dataset.frequency)}</Fact>
        <Fact label={t('opendata:portal.dataset.temporal')}>{dataset.temporal ? <Temporal page={page} temporal={dataset.temporal} /> : null}</Fact>
        <Fact label={t('opendata:portal.dataset.spatial')}>
          {dataset.spatial.length > 0 ? (
            <ul class="kern-list opendata-places">
              {dataset.spatial.map((place) => (
                <li key={place}>
                  <Place page={page} place={place} />
                </li>
              ))}
            </ul>
          ) : null}
        </Fact>
        <Fact label={t('opendata:portal.dataset.themes')}>{dataset.themes.length > 0 ? dataset.themes.map((theme) => themeLabel(page, theme)).join(', ') : null}</Fact>
        <Fact label={t('opendata:portal.dataset.keywords')}>
          {dataset.keywords.length > 0 ? (
            <ul class="kern-list kern-list--horizontal opendata-keywords">
              {dataset.keywords.map((keyword) => (
                <li key={keyword}>
                  <a class="kern-link" href={`/daten?schlagwort=${encodeURIComponent(keyword)}`}>
                    {keyword}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </Fact>
        <Fact label={t('opendata:portal.dataset.issued')}>{dataset.issuedAt ? <time dateTime={isoString(dataset.issuedAt)}>{formatDay(dataset.issuedAt, lang)}</time> : null}</Fact>
        <Fact label={t('opendata:portal.dataset.contact')}>{dataset.contact.email || dataset.contact.url ? <Contact page={page} contact={dataset.contact} /> : null}</Fact>
        <Fact label={t('opendata:portal.dataset.conformsTo')}>
          {dataset.conformsTo ? (
            <a class="kern-link" href={dataset.conformsTo}>
              {dataset.conformsTo}
            </a>
          ) : null}
        </Fact>
      </dl>
    </section>
  );
}

export function DatasetPage({ page, dataset, versions, publicUrl, today, quality }: DatasetPageProps) {
  const { t, lang } = page;
  const title = datasetTitle(lang, dataset);
  const description = inLanguage(lang, dataset.description, dataset.descriptionEn);
  return (
    <div class="kern-stack-lg opendata-dataset">
      <div class="kern-stack-sm">
        <Heading>
          <span lang={title.lang}>{title.text}</span>
        </Heading>
        {dataset.demo ? <DemoBadge page={page} /> : null}
      </div>
      {dataset.state === 'deleted' ? <Alert kind="warning" title={t('opendata:portal.dataset.withdrawn')} /> : null}
      {dataset.demo ? <Alert kind="info" title={t('opendata:portal.demoNotice')} /> : null}
      <Paragraphs text={description.text} lang={description.lang} />
      <section aria-labelledby="ressourcen" class="kern-stack-md">
        <h2 class="kern-heading-medium" id="ressourcen">
          {t('opendata:portal.dataset.resources')}
        </h2>
        {dataset.resources.length === 0 ? <p class="kern-body">{t('opendata:portal.dataset.noResources')}</p> : null}
        {dataset.resources.map((resource) => (
          <ResourceCard key={resource.id} page={page} dataset={dataset} resource={resource} versions={versions.get(resource.id) ?? []} />
        ))}
      </section>
      <div class="opendata-columns">
        <Facts page={page} dataset={dataset} />
        <div class="kern-stack-lg">
          {quality ? (
            <section aria-labelledby="qualitaet" class="kern-stack-sm">
              <h2 class="kern-heading-medium" id="qualitaet">
                {t('opendata:portal.dataset.quality')}
              </h2>
              {quality}
            </section>
          ) : null}
          <ApiBox page={page} dataset={dataset} publicUrl={publicUrl} />
          <Citation page={page} dataset={dataset} publicUrl={publicUrl} today={today} />
          <section aria-labelledby="metadaten" class="kern-stack-sm">
            <h2 class="kern-heading-small" id="metadaten">
              {t('opendata:portal.dataset.rdf')}
            </h2>
            <ul class="kern-list kern-list--horizontal">
              <li>
                <a class="kern-link" href={datasetRdfPath(dataset.name, 'ttl')} type="text/turtle">
                  Turtle
                </a>
              </li>
              <li>
                <a class="kern-link" href={datasetRdfPath(dataset.name, 'rdf')} type="application/rdf+xml">
                  RDF/XML
                </a>
              </li>
              <li>
                <a class="kern-link" href={datasetRdfPath(dataset.name, 'jsonld')} type="application/ld+json">
                  JSON-LD
                </a>
              </li>
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}
