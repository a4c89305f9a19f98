import { Heading, Pagination } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { organizationPath } from '../addresses.ts';
import type { Dataset, Organization } from '../model.ts';
import { Paragraphs } from './portal-dataset.tsx';
import { DatasetHit } from './portal-search.tsx';

const organizationTitle = (page: PageContext, organization: Pick<Organization, 'title' | 'titleEn'>) => (page.lang === 'en' && organization.titleEn ? organization.titleEn : organization.title);

export function OrganizationPage(props: { page: PageContext; organization: Organization; datasets: Dataset[]; total: number; current: number; pages: number }) {
  const { page, organization } = props;
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading>{organizationTitle(page, organization)}</Heading>
      {organization.description ? <Paragraphs text={organization.description} lang={page.lang === 'de' ? undefined : 'de'} /> : null}
      {organization.email || organization.url ? (
        <ul class="kern-list">
          {organization.email ? (
            <li>
              {t('opendata:portal.organization.email')}:{' '}
              <a class="kern-link" href={`mailto:${organization.email}`}>
                {organization.email}
              </a>
            </li>
          ) : null}
          {organization.url ? (
            <li>
              <a class="kern-link" href={organization.url}>
                {t('opendata:portal.organization.website')}
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
      <section aria-labelledby="datensaetze" class="kern-stack-md">
        <h2 class="kern-heading-medium" id="datensaetze">
          {t('opendata:portal.organization.datasets')} ({props.total})
        </h2>
        {props.datasets.length === 0 ? (
          <p class="kern-body">{t('opendata:portal.organization.none')}</p>
        ) : (
          <ul class="search-hits">
            {props.datasets.map((dataset) => (
              <DatasetHit key={dataset.id} page={page} dataset={dataset} />
            ))}
          </ul>
        )}
        <Pagination page={page} current={props.current} pages={props.pages} href={(n) => `${organizationPath(organization.name)}?seite=${n}`} />
      </section>
    </div>
  );
}

export function OrganizationsPage({ page, organizations }: { page: PageContext; organizations: (Organization & { datasetCount: number })[] }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading>{t('opendata:portal.organization.list')}</Heading>
      <ul class="kern-list">
        {organizations.map((organization) => (
          <li key={organization.id}>
            <a class="kern-link" href={organizationPath(organization.name)}>
              {organizationTitle(page, organization)}
            </a>{' '}
            ({t('opendata:portal.search.count', { count: organization.datasetCount })})
          </li>
        ))}
      </ul>
    </div>
  );
}
