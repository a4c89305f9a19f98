import { Heading } from '#kernel/html/components.tsx';
import { telHref } from '#kernel/html/format.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { ComponentChildren } from 'preact';
import { logoPath } from '#modules/initiatives/logo.ts';
import type { ResourceRow } from '#modules/initiatives/tables.ts';
import type { CalendarEntry, PublicInitiative } from '../repo.ts';
import { EventDays } from './calendar.tsx';
import { AccessibilityText, DemoMark, DomainBadges, districtNames, longDay } from './parts.tsx';

/*
 * An initiative's page: what it is and for whom first, then how to reach it and when it meets, its
 * accessibility, its next dates, and the resources of the city that fit it.
 */

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{label}</dt>
      <dd class="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean);

export function InitiativePage({ page, initiative, events, resources }: { page: PageContext; initiative: PublicInitiative; events: CalendarEntry[]; resources: readonly ResourceRow[] }) {
  const { t, lang } = page;
  return (
    <article class="kern-stack-lg">
      <Heading lead={initiative.summary}>{initiative.name}</Heading>
      {initiative.logo_file_id ? <img class="initiatives-logo" src={logoPath(initiative.slug, initiative.logo_file_id)} alt={initiative.logo_alt ?? ''} /> : null}
      <DomainBadges page={page} domains={initiative.domains} />
      {initiative.demo ? (
        <p class="kern-body">
          <DemoMark page={page} /> {t('initiatives:directory.demoNote')}
        </p>
      ) : null}
      <section aria-labelledby="auf-einen-blick" class="kern-stack-sm">
        <h2 class="kern-heading-medium" id="auf-einen-blick">
          {t('initiatives:initiative.glance')}
        </h2>
        <dl class="kern-description-list">
          <Fact label={t('initiatives:initiative.provider')}>{t(`initiatives:providerKinds.${initiative.provider_kind}`)}</Fact>
          <Fact label={t('initiatives:directory.fields.targetGroups')}>{initiative.target_groups.length > 0 ? initiative.target_groups.map((group) => t(`initiatives:targetGroups.${group}`)).join(', ') : t('initiatives:targetGroups.alle')}</Fact>
          <Fact label={t('initiatives:directory.fields.districts')}>{districtNames(page, initiative.districts)}</Fact>
          {initiative.meeting_times ? <Fact label={t('initiatives:directory.fields.meetingTimes')}>{initiative.meeting_times}</Fact> : null}
          {initiative.address ? <Fact label={t('initiatives:initiative.address')}>{initiative.address}</Fact> : null}
          <Fact label={t('initiatives:initiative.languages')}>{initiative.languages.map((code) => t(`initiatives:languages.${code}`, { defaultValue: code })).join(', ')}</Fact>
        </dl>
      </section>
      {initiative.description ? (
        <section aria-labelledby="beschreibung" class="kern-stack-sm">
          <h2 class="kern-heading-medium" id="beschreibung">
            {t('initiatives:initiative.about')}
          </h2>
          {paragraphs(initiative.description).map((text, index) => (
            <p class="kern-body" key={index}>
              {text}
            </p>
          ))}
        </section>
      ) : null}
      <section aria-labelledby="kontakt" class="kern-stack-sm">
        <h2 class="kern-heading-medium" id="kontakt">
          {t('initiatives:initiative.contact')}
        </h2>
        <ul class="kern-list">
          {initiative.contact_name ? <li>{initiative.contact_name}</li> : null}
          {initiative.contact_email ? (
            <li>
              {t('initiatives:initiative.email')}:{' '}
              <a class="kern-link" href={`mailto:${initiative.contact_email}`}>
                {initiative.contact_email}
              </a>
            </li>
          ) : null}
          {initiative.contact_phone ? (
            <li>
              {t('initiatives:initiative.phone')}:{' '}
              <a class="kern-link" href={telHref(initiative.contact_phone)}>
                {initiative.contact_phone}
              </a>
            </li>
          ) : null}
          {initiative.website ? (
            <li>
              <a class="kern-link" href={initiative.website} rel="external">
                {t('initiatives:initiative.website', { name: initiative.name })}
              </a>
            </li>
          ) : null}
        </ul>
      </section>
      <section aria-labelledby="barrierefreiheit" class="kern-stack-sm">
        <h2 class="kern-heading-medium" id="barrierefreiheit">
          {t('initiatives:directory.fields.accessibility')}
        </h2>
        <p class="kern-body">
          <AccessibilityText page={page} features={initiative.accessibility} />
        </p>
        {initiative.accessibility_note ? <p class="kern-body">{initiative.accessibility_note}</p> : null}
      </section>
      <section aria-labelledby="termine" class="kern-stack-sm">
        <h2 class="kern-heading-medium" id="termine">
          {t('initiatives:initiative.events')}
        </h2>
        {events.length > 0 ? <EventDays page={page} entries={events} showInitiative={false} level={3} /> : <p class="kern-body">{t('initiatives:initiative.noEvents')}</p>}
        <p class="kern-body">
          <a class="kern-link" href={`/initiativen/${initiative.slug}/termine.ics`} type="text/calendar">
            {t('initiatives:initiative.ics')}
          </a>
        </p>
      </section>
      {resources.length > 0 ? (
        <section aria-labelledby="ressourcen" class="kern-stack-sm">
          <h2 class="kern-heading-medium" id="ressourcen">
            {t('initiatives:initiative.resources')}
          </h2>
          <ul class="kern-list">
            {resources.map((resource) => (
              <li key={resource.id}>
                <a class="kern-link" href={`/initiativen/ressourcen/${resource.slug}`}>
                  {resource.title}
                </a>{' '}
                ({t(`initiatives:resourceKinds.${resource.kind}`)}): {resource.summary}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p class="kern-body kern-body--small">
        {initiative.confirmed_current_at ? t('initiatives:initiative.confirmed', { day: longDay(initiative.confirmed_current_at, lang) }) : null}{' '}
        <a class="kern-link" href="/initiativen/pflegen">
          {t('initiatives:initiative.maintain')}
        </a>
      </p>
    </article>
  );
}
