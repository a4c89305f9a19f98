import type { PageContext } from '#kernel/html/page.ts';
import { Heading } from '#kernel/html/components.tsx';
import type { HolidayCalendar } from '#kernel/holidays/holidays.ts';
import { berlinTime } from '../hours.ts';
import { accessibilityFeatures } from '../forms.office.ts';
import type { OfficeContent } from '../schemas.content.ts';
import type { OfficeView } from '../service.public.ts';
import { Address, ClosingDays, OpenStatus, Section, SpecialDays, WeekHours, contentLang } from './parts.tsx';
import { LocalParagraphs, OnlyGerman, textsOf, type Texts } from './texts.tsx';
import { telHref } from './service.tsx';
import { ServiceList } from './situation.tsx';

/** The office's address at the map service the installation names (`MAP_URL_TEMPLATE`). */
export function mapUrl(template: string, office: Pick<OfficeContent, 'street' | 'postalCode' | 'city'>): string {
  return template.replaceAll('{address}', encodeURIComponent(`${office.street}, ${office.postalCode} ${office.city}`));
}

/** Directions: the address on a map, then how to come by bus and train. */
function Directions({ texts, office, mapUrlTemplate, lang }: { texts: Texts; office: OfficeContent; mapUrlTemplate: string; lang: string | undefined }) {
  const { page } = texts;
  const { t } = page;
  return (
    <Section id="anfahrt" title={t('catalog:office.directions')}>
      <p class="kern-body">
        {t('catalog:office.onMap')}{' '}
        <a class="kern-link" href={mapUrl(mapUrlTemplate, office)} lang={lang}>
          {office.street}, {office.postalCode} {office.city}
        </a>
      </p>
      {office.publicTransport ? (
        <>
          <h3 class="kern-heading-small">{t('catalog:office.publicTransport')}</h3>
          <LocalParagraphs texts={texts} german={office.publicTransport} english={office.en?.publicTransport} />
        </>
      ) : null}
    </Section>
  );
}

export function OfficePage({ page, office, now, holidays, mapUrlTemplate }: { page: PageContext; office: OfficeView; now: Date; holidays: HolidayCalendar; mapUrlTemplate: string }) {
  const { t } = page;
  const content = office.content;
  const lang = contentLang(page);
  const texts = textsOf(page, content.en);
  const title = texts.show(content.title, content.en?.title);
  const summary = texts.show(content.summary, content.en?.summary);
  return (
    <article class="kern-stack-lg">
      <Heading lead={summary.value} leadLang={summary.lang}>
        {title.lang ? <span lang={title.lang}>{title.value}</span> : title.value}
      </Heading>
      {texts.wholeInGerman ? <OnlyGerman page={page} whole /> : null}
      <OpenStatus page={page} hours={content} now={now} holidays={holidays} />
      <Section id="kontakt" title={t('catalog:office.contact')}>
        <Address office={content} lang={lang} />
        <ul class="kern-list">
          {content.phone ? (
            <li>
              {t('catalog:fields.phone')}:{' '}
              <a class="kern-link" href={telHref(content.phone)}>
                {content.phone}
              </a>
            </li>
          ) : null}
          {content.email ? (
            <li>
              {t('catalog:fields.email')}:{' '}
              <a class="kern-link" href={`mailto:${content.email}`}>
                {content.email}
              </a>
            </li>
          ) : null}
          {content.website ? (
            <li>
              <a class="kern-link" href={content.website}>
                {t('catalog:fields.website')}
              </a>
            </li>
          ) : null}
        </ul>
      </Section>
      <Directions texts={texts} office={content} mapUrlTemplate={mapUrlTemplate} lang={lang} />
      <Section id="oeffnungszeiten" title={t('catalog:office.hours')}>
        {content.hours.length > 0 ? <WeekHours page={page} office={content} /> : <p class="kern-body">{t('catalog:office.noHours')}</p>}
        {content.closedOnHolidays ? <p class="kern-body">{t('catalog:office.closedOnHolidays', { state: t(`kernel:holidays.states.${holidays.state}`) })}</p> : null}
        <ClosingDays page={page} closingDays={content.closingDays} />
        {content.hoursNote ? <LocalParagraphs texts={texts} german={content.hoursNote} english={content.en?.hoursNote} /> : null}
        <SpecialDays page={page} hours={content} from={berlinTime(now).date} holidays={holidays} />
      </Section>
      <Section id="barrierefreiheit" title={t('catalog:office.accessibility')}>
        <dl class="kern-description-list">
          {accessibilityFeatures.map((feature) => (
            <div class="kern-description-list-item" key={feature}>
              <dt class="kern-description-list-item__key">{t(`catalog:accessibility.${feature}`)}</dt>
              <dd class="kern-description-list-item__value">{t(`catalog:accessibility.${content[feature] === null ? 'unknown' : content[feature] ? 'yes' : 'no'}`)}</dd>
            </div>
          ))}
        </dl>
        {content.accessibilityNote ? <LocalParagraphs texts={texts} german={content.accessibilityNote} english={content.en?.accessibilityNote} /> : null}
      </Section>
      {content.description ? (
        <Section id="aufgaben" title={t('catalog:office.about')}>
          <LocalParagraphs texts={texts} german={content.description} english={content.en?.description} />
        </Section>
      ) : null}
      <Section id="leistungen" title={t('catalog:office.services')}>
        {office.services.length > 0 ? <ServiceList page={page} services={office.services} /> : <p class="kern-body">{t('catalog:office.noServices')}</p>}
      </Section>
    </article>
  );
}
