import { formatDay } from '#kernel/dates.ts';
import { FormFields, type Option, type Raw } from '#kernel/forms/index.ts';
import { ErrorSummary, Heading, PostForm, Select, SubmitButton, StatusNote } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import type { ResourceRow } from '#modules/initiatives/tables.ts';
import { domains, resourceKinds, type ResourceKind } from '#modules/initiatives/vocabulary.ts';
import { requestForm } from '../forms.ts';

/** Where a resource's page is. */
export const resourceHref = (slug: string) => `/initiativen/ressourcen/${slug}`;

/** A funding programme whose deadline has passed is shown as such, and last. */
export const deadlinePassed = (resource: Pick<ResourceRow, 'deadline'>, today: string) => resource.deadline !== null && resource.deadline < today;

/** The resources of a kind in the order the page shows them: open deadlines soonest first, passed ones last. */
export function ordered(rows: readonly ResourceRow[], today: string): ResourceRow[] {
  const rank = (row: ResourceRow) => (deadlinePassed(row, today) ? 2 : row.deadline ? 0 : 1);
  return [...rows].sort((a, b) => rank(a) - rank(b) || (a.deadline ?? '').localeCompare(b.deadline ?? '') || a.title.localeCompare(b.title, 'de'));
}

function Deadline({ page, resource, today }: { page: PageContext; resource: ResourceRow; today: string }) {
  if (!resource.deadline) return null;
  const { t } = page;
  return deadlinePassed(resource, today) ? (
    <p class="resource-deadline resource-deadline--passed">
      <strong>{t('initiatives:resources.deadlinePassed', { day: formatDay(resource.deadline) })}</strong>
    </p>
  ) : (
    <p class="resource-deadline">{t('initiatives:resources.deadline', { day: formatDay(resource.deadline) })}</p>
  );
}

export interface ListProps {
  page: PageContext;
  rows: readonly ResourceRow[];
  kind: string;
  domain: string;
  today: string;
}

/** The resources grouped by kind, with a GET filter by kind and domain that works without JavaScript. */
export function ResourceListPage({ page, rows, kind, domain, today }: ListProps) {
  const { t } = page;
  const any = { value: '', label: t('initiatives:resources.filter.any') };
  const kinds = resourceKinds.filter((entry) => rows.some((row) => row.kind === entry));
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('initiatives:resources.lead')}>{t('initiatives:resources.title')}</Heading>
      <form method="get" action="/initiativen/ressourcen" class="kern-stack-sm filter-form">
        <Select name="art" label={t('initiatives:resources.filter.kind')} value={kind} choices={[any, ...resourceKinds.map((value) => ({ value, label: t(`initiatives:resourceKinds.${value}`) }))]} />
        <Select name="bereich" label={t('initiatives:resources.filter.domain')} value={domain} choices={[any, ...domains.map((value) => ({ value, label: t(`initiatives:domains.${value}`) }))]} />
        <SubmitButton kind="secondary" label={t('initiatives:resources.filter.submit')} />
      </form>
      <p role="status">{t('initiatives:resources.count', { count: rows.length })}</p>
      {kinds.map((entry) => (
        <section key={entry} aria-labelledby={`art-${entry}`} class="kern-stack-sm">
          <h2 id={`art-${entry}`} class="kern-heading-medium">
            {t(`initiatives:resourceKinds.${entry}`)}
          </h2>
          <ul class="resource-list kern-stack-sm">
            {ordered(
              rows.filter((row) => row.kind === entry),
              today,
            ).map((row) => (
              <li key={row.id}>
                <h3 class="kern-heading-small">
                  <a class="kern-link" href={resourceHref(row.slug)}>
                    {row.title}
                  </a>
                </h3>
                <p>{row.summary}</p>
                <Deadline page={page} resource={row} today={today} />
                {row.dataset_name ? (
                  <p>
                    <a class="kern-link" href={`/daten/${encodeURIComponent(row.dataset_name)}`}>
                      {t('initiatives:resources.dataset')}
                    </a>
                  </p>
                ) : null}
                {row.demo ? <p class="demo-note">{t('initiatives:resources.demo')}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{label}</dt>
      <dd class="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

export interface DetailProps {
  page: PageContext;
  resource: ResourceRow;
  office: { title: string; slug: string } | null;
  today: string;
  /** The request form, unless the resource is booked or is a dataset. */
  form: { raw: Raw; errors: FieldErrors; initiatives: readonly Option[] } | null;
}

/** A resource with its facts, and the way to get it: the booking, the dataset, or the request form. */
export function ResourceDetailPage({ page, resource, office, today, form }: DetailProps) {
  const { t } = page;
  const kind: ResourceKind = resource.kind;
  return (
    <div class="kern-stack-lg">
      <Heading lead={resource.summary}>{resource.title}</Heading>
      {form ? <ErrorSummary page={page} errors={form.errors} /> : null}
      {resource.demo ? <p class="demo-note">{t('initiatives:resources.demo')}</p> : null}
      {resource.description ? <p class="resource-description">{resource.description}</p> : null}
      <dl class="kern-description-list">
        <Fact label={t('initiatives:resources.facts.kind')}>{t(`initiatives:resourceKinds.${kind}`)}</Fact>
        <Fact label={t('initiatives:resources.facts.office')}>
          {office ? (
            <a class="kern-link" href={`/dienststellen/${office.slug}`}>
              {office.title}
            </a>
          ) : (
            resource.office_slug
          )}
        </Fact>
        {resource.location ? <Fact label={t('initiatives:resources.facts.location')}>{resource.location}</Fact> : null}
        {resource.capacity !== null ? <Fact label={t('initiatives:resources.facts.capacity')}>{t('initiatives:resources.facts.persons', { count: resource.capacity })}</Fact> : null}
        {resource.deadline ? (
          <Fact label={t('initiatives:resources.facts.deadline')}>
            {formatDay(resource.deadline)}
            {deadlinePassed(resource, today) ? ` (${t('initiatives:resources.passed')})` : ''}
          </Fact>
        ) : null}
        {resource.domains.length > 0 ? <Fact label={t('initiatives:resources.facts.domains')}>{resource.domains.map((domain) => t(`initiatives:domains.${domain}`)).join(', ')}</Fact> : null}
        {resource.accessibility.length > 0 ? (
          <Fact label={t('initiatives:resources.facts.accessibility')}>
            <ul>
              {resource.accessibility.map((feature) => (
                <li key={feature}>{t(`initiatives:accessibility.${feature}`)}</li>
              ))}
            </ul>
          </Fact>
        ) : null}
      </dl>
      {resource.dataset_name ? (
        <p>
          <a class="kern-link" href={`/daten/${encodeURIComponent(resource.dataset_name)}`}>
            {t('initiatives:resources.dataset')}
          </a>
        </p>
      ) : null}
      {resource.booking_href ? (
        <p>
          <a class="kern-button kern-button--primary" href={resource.booking_href}>
            <span class="kern-label">{t('initiatives:resources.book')}</span>
          </a>
        </p>
      ) : null}
      {form ? (
        <section aria-labelledby="anfrage" class="kern-stack-sm">
          <h2 id="anfrage" class="kern-heading-medium">
            {t('initiatives:resources.request.title')}
          </h2>
          <p>{t('initiatives:resources.request.how')}</p>
          <PostForm page={page} action={`${resourceHref(resource.slug)}/anfragen`}>
            <FormFields page={page} form={requestForm} raw={form.raw} errors={form.errors} options={{ initiative: form.initiatives }} />
            <SubmitButton label={t('initiatives:resources.request.submit')} />
          </PostForm>
        </section>
      ) : null}
      <p>
        <a class="kern-link" href="/initiativen/ressourcen">
          {t('initiatives:resources.back')}
        </a>
      </p>
    </div>
  );
}

/** The confirmation with the request's reference. */
export function RequestSentPage({ page, reference, resource }: { page: PageContext; reference: string; resource: ResourceRow }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading>{t('initiatives:resources.sent.title')}</Heading>
      <StatusNote>
        <p>{t('initiatives:resources.sent.text', { resource: resource.title })}</p>
        <p>
          {t('initiatives:resources.sent.reference')} <strong>{reference}</strong>
        </p>
      </StatusNote>
      <p>
        <a class="kern-link" href="/initiativen/ressourcen">
          {t('initiatives:resources.back')}
        </a>
      </p>
    </div>
  );
}
