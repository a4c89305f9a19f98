import { CheckboxGroup, Heading, Select, SubmitButton, TextField } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { logoPath } from '#modules/initiatives/logo.ts';
import { accessibilityFeatures, districtKeys, districts, domains } from '#modules/initiatives/vocabulary.ts';
import type { PublicInitiative } from '../repo.ts';
import { AccessibilityText, DemoMark, DomainBadges, districtNames } from './parts.tsx';
import type { ComponentChildren } from 'preact';

/*
 * The directory: ways in by domain, a GET form to filter by domain, district, accessibility and words (every
 * state has its own address and works without JavaScript), then the entries as a list. A map, where the
 * page has one, comes before the list and the list holds the same entries for those who cannot see it.
 */

export interface DirectorySearch {
  domains: string[];
  district: string;
  accessibility: string[];
  text: string;
}

export function directoryHref(search: Partial<DirectorySearch>): string {
  const params = new URLSearchParams();
  for (const domain of search.domains ?? []) params.append('bereich', domain);
  if (search.district) params.set('bezirk', search.district);
  for (const feature of search.accessibility ?? []) params.append('barrierefrei', feature);
  if (search.text) params.set('q', search.text);
  const query = params.toString();
  return query ? `/initiativen?${query}` : '/initiativen';
}

/** Checkbox and select fields of a filter form, shared by the directory and the calendar. */
export function FilterFields({ page, search, children }: { page: PageContext; search: Omit<DirectorySearch, 'text'>; children?: ComponentChildren }) {
  const { t } = page;
  return (
    <>
      <CheckboxGroup name="bereich" label={t('initiatives:directory.filter.domains')} choices={domains.map((value) => ({ value, label: t(`initiatives:domains.${value}`) }))} values={search.domains} />
      <Select
        name="bezirk"
        label={t('initiatives:directory.filter.district')}
        choices={[{ value: '', label: t('initiatives:directory.filter.anyDistrict') }, ...districtKeys.map((key) => ({ value: key, label: `${districts[key].number} ${districts[key].name}` }))]}
        value={search.district}
      />
      <CheckboxGroup
        name="barrierefrei"
        label={t('initiatives:directory.filter.accessibility')}
        hint={t('initiatives:directory.filter.accessibilityHint')}
        choices={accessibilityFeatures.map((value) => ({ value, label: t(`initiatives:accessibility.${value}`) }))}
        values={search.accessibility}
      />
      {children}
    </>
  );
}

export function HubLinks({ page }: { page: PageContext }) {
  const { t } = page;
  const links = [
    ['/initiativen/kalender', 'initiatives:directory.links.calendar'],
    ['/initiativen/ressourcen', 'initiatives:directory.links.resources'],
    ['/initiativen/vorschlagen', 'initiatives:directory.links.propose'],
    ['/initiativen/pflegen', 'initiatives:directory.links.maintain'],
  ] as const;
  return (
    <nav aria-label={t('initiatives:directory.links.label')}>
      <ul class="kern-list initiatives-links">
        {links.map(([href, label]) => (
          <li key={href}>
            <a class="kern-link" href={href}>
              {t(label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function InitiativeCard({ page, initiative }: { page: PageContext; initiative: PublicInitiative }) {
  const { t } = page;
  return (
    <li class="search-hit initiatives-card">
      {/* The name beside it says who it is: for a screen reader the logo would only repeat it. */}
      {initiative.logo_file_id ? <img class="initiatives-logo" src={logoPath(initiative.slug, initiative.logo_file_id)} alt="" /> : null}
      <h3 class="kern-title">
        <a class="kern-link search-hit__title" href={`/initiativen/${initiative.slug}`}>
          {initiative.name}
        </a>
      </h3>
      <p class="kern-body">{initiative.summary}</p>
      <DomainBadges page={page} domains={initiative.domains} />
      <dl class="initiatives-facts">
        <div>
          <dt>{t('initiatives:directory.fields.districts')}</dt>
          <dd>{districtNames(page, initiative.districts)}</dd>
        </div>
        <div>
          <dt>{t('initiatives:directory.fields.accessibility')}</dt>
          <dd>
            <AccessibilityText page={page} features={initiative.accessibility} />
          </dd>
        </div>
        {initiative.meeting_times ? (
          <div>
            <dt>{t('initiatives:directory.fields.meetingTimes')}</dt>
            <dd>{initiative.meeting_times}</dd>
          </div>
        ) : null}
      </dl>
      {initiative.demo ? <DemoMark page={page} /> : null}
    </li>
  );
}

export function DirectoryPage({ page, search, initiatives, counts, map }: { page: PageContext; search: DirectorySearch; initiatives: PublicInitiative[]; counts: ReadonlyMap<string, number>; map?: ComponentChildren }) {
  const { t } = page;
  const filtered = search.domains.length > 0 || search.district !== '' || search.accessibility.length > 0 || search.text !== '';
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('initiatives:directory.lead')}>{t('initiatives:directory.title')}</Heading>
      <HubLinks page={page} />
      <section aria-labelledby="bereiche" class="kern-stack-sm">
        <h2 class="kern-heading-medium" id="bereiche">
          {t('initiatives:directory.byDomain')}
        </h2>
        <ul class="kern-list initiatives-domains">
          {domains.map((domain) => (
            <li key={domain}>
              <a class="kern-link" href={directoryHref({ domains: [domain] })} aria-current={search.domains.length === 1 && search.domains[0] === domain ? 'page' : undefined}>
                {t(`initiatives:domains.${domain}`)} ({counts.get(domain) ?? 0})
              </a>
            </li>
          ))}
        </ul>
      </section>
      <details class="initiatives-filter" open={filtered}>
        <summary class="kern-title">{t('initiatives:directory.filter.title')}</summary>
        <form method="get" action="/initiativen" class="kern-stack-md form">
          <TextField name="q" label={t('initiatives:directory.filter.text')} value={search.text} maxLength={100} />
          <FilterFields page={page} search={search} />
          <SubmitButton label={t('initiatives:directory.filter.submit')} />
        </form>
      </details>
      <section aria-labelledby="eintraege" class="kern-stack-md">
        <h2 class="kern-heading-medium" id="eintraege">
          {t('initiatives:directory.count', { count: initiatives.length })}
        </h2>
        {filtered ? (
          <p class="kern-body">
            <a class="kern-link" href="/initiativen">
              {t('initiatives:directory.filter.reset')}
            </a>
          </p>
        ) : null}
        {map}
        {initiatives.length > 0 ? (
          <ul class="search-hits" id="liste">
            {initiatives.map((initiative) => (
              <InitiativeCard key={initiative.id} page={page} initiative={initiative} />
            ))}
          </ul>
        ) : (
          <p class="kern-body">{t('initiatives:directory.none')}</p>
        )}
      </section>
    </div>
  );
}
