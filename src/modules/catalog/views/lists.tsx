import type { PageContext } from '#kernel/html/page.ts';
import { Heading, Pagination } from '#kernel/html/components.tsx';
import type { HolidayCalendar } from '#kernel/holidays/holidays.ts';
import type { OfficeContent, SituationContent } from '../schemas.content.ts';
import type { ListedService } from '../service.public.ts';
import { inLanguage } from '../schemas.english.ts';
import { OpenStatus, contentLang } from './parts.tsx';
import { ServiceList } from './situation.tsx';

export interface IndexFilter {
  lebenslage?: string;
  dienststelle?: string;
  seite?: number;
}

function initial(title: string): string {
  const letter = title.normalize('NFD').replace(/\p{M}/gu, '').charAt(0).toLocaleUpperCase('de-DE');
  return /[A-Z]/.test(letter) ? letter : '#';
}

function FilterForm({ page, filter, situations, offices }: { page: PageContext; filter: IndexFilter; situations: { content: SituationContent }[]; offices: { content: OfficeContent }[] }) {
  const { t } = page;
  const select = (name: 'lebenslage' | 'dienststelle', label: string, options: { slug: string; title: string }[]) => (
    <div class="kern-form-input">
      <label class="kern-label" for={name}>
        {label}
      </label>
      <div class="kern-form-input__select-wrapper">
        <select class="kern-form-input__select" id={name} name={name}>
          <option value="">{t('catalog:index.all')}</option>
          {options.map((option) => (
            <option key={option.slug} value={option.slug} selected={filter[name] === option.slug}>
              {option.title}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
  return (
    <form method="get" action="/leistungen" class="catalog-filter">
      {select('lebenslage', t('catalog:index.bySituation'), situations.map((situation) => situation.content))}
      {select('dienststelle', t('catalog:index.byOffice'), offices.map((office) => office.content))}
      <button type="submit" class="kern-btn kern-btn--secondary">
        <span class="kern-label">{t('catalog:index.filter')}</span>
      </button>
    </form>
  );
}

export function CatalogIndexPage(props: {
  page: PageContext;
  services: ListedService[];
  total: number;
  pages: number;
  filter: IndexFilter;
  situations: { content: SituationContent }[];
  offices: { content: OfficeContent }[];
  canEdit: boolean;
}) {
  const { page, services, filter } = props;
  const { t } = page;
  const groups = new Map<string, ListedService[]>();
  for (const service of services) groups.set(initial(service.title), [...(groups.get(initial(service.title)) ?? []), service]);
  const query = (n: number) => {
    const params = new URLSearchParams();
    if (filter.lebenslage) params.set('lebenslage', filter.lebenslage);
    if (filter.dienststelle) params.set('dienststelle', filter.dienststelle);
    params.set('seite', String(n));
    return `/leistungen?${params.toString()}`;
  };
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('catalog:index.lead')}>{t('catalog:index.title')}</Heading>
      <p class="kern-body">
        <a class="kern-link" href="/lebenslagen">
          {t('catalog:index.toSituations')}
        </a>{' '}
        ·{' '}
        <a class="kern-link" href="/dienststellen">
          {t('catalog:index.toOffices')}
        </a>
        {props.canEdit ? (
          <>
            {' '}
            ·{' '}
            <a class="kern-link" href="/verwaltung/katalog">
              {t('catalog:index.edit')}
            </a>
          </>
        ) : null}
      </p>
      <FilterForm page={page} filter={filter} situations={props.situations} offices={props.offices} />
      <p class="kern-body">
        {t('catalog:index.count', { count: props.total })}
      </p>
      {groups.size > 1 ? (
        <nav aria-label={t('catalog:index.letters')}>
          <ul class="kern-list kern-list--horizontal catalog-letters">
            {[...groups.keys()].map((letter) => (
              <li key={letter}>
                <a class="kern-link" href={`#buchstabe-${letter}`}>
                  {letter}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {[...groups].map(([letter, items]) => (
        <section key={letter} aria-labelledby={`buchstabe-${letter}`}>
          <h2 class="kern-heading-small" id={`buchstabe-${letter}`}>
            {letter}
          </h2>
          <ServiceList page={page} services={items} />
        </section>
      ))}
      <Pagination page={page} current={filter.seite ?? 1} pages={props.pages} href={query} />
    </div>
  );
}

export function SituationsPage({ page, situations }: { page: PageContext; situations: { content: SituationContent }[] }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('catalog:situations.lead')}>{t('catalog:situations.title')}</Heading>
      <ul class="tiles">
        {situations.map(({ content }) => {
          const title = inLanguage(page.lang, content.title, content.en?.title);
          const summary = inLanguage(page.lang, content.summary, content.en?.summary);
          return (
            <li key={content.slug} class="kern-card kern-card--small">
              <div class="kern-card__container">
                <div class="kern-card__header">
                  <h2 class="kern-title">
                    <a class="kern-link kern-link--stretched" href={`/lebenslagen/${content.slug}`} lang={title.lang}>
                      {title.value}
                    </a>
                  </h2>
                </div>
                <div class="kern-card__body">
                  <p class="kern-body" lang={summary.lang}>
                    {summary.value}
                  </p>
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function OfficesPage({ page, offices, now, holidays }: { page: PageContext; offices: { content: OfficeContent }[]; now: Date; holidays: HolidayCalendar }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('catalog:offices.lead')}>{t('catalog:offices.title')}</Heading>
      <ul class="kern-list catalog-list">
        {offices.map(({ content }) => (
          <li key={content.slug}>
            <a class="kern-link" href={`/dienststellen/${content.slug}`} lang={inLanguage(page.lang, content.title, content.en?.title).lang}>
              {inLanguage(page.lang, content.title, content.en?.title).value}
            </a>
            <p class="kern-body kern-body--small" lang={contentLang(page)}>
              {content.street}, {content.postalCode} {content.city}
            </p>
            <OpenStatus page={page} hours={content} now={now} holidays={holidays} />
          </li>
        ))}
      </ul>
    </div>
  );
}
