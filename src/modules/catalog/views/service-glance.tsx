import type { ComponentChildren } from 'preact';
import type { HolidayCalendar } from '#kernel/holidays/holidays.ts';
import type { ServiceView } from '../service.public.ts';
import { Address, OpenStatus, formatMoney, telHref } from './parts.tsx';
import { LocalList, LocalParagraphs, type Texts } from './texts.tsx';

/*
 * What a person wants to know before anything else – what it costs, what to bring, how long it takes, where
 * to go, whether it works online – first, under the heading; and beside the page on wide screens, a contents
 * list and where to turn (the office, the life situations), as GOV.UK's third column has.
 */

/** A section of the page as its contents list names it. */
export interface Contents {
  id: string;
  title: string;
}

function Fact({ id, term, children }: { id: string; term: string; children: ComponentChildren }) {
  return (
    <div class="kern-description-list-item" id={id}>
      <dt class="kern-description-list-item__key">{term}</dt>
      <dd class="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

function Fees({ texts, service }: { texts: Texts; service: ServiceView }) {
  const { fees, feesNote, en } = service.content;
  const labels = fees.map((fee, index) => texts.show(fee.label, en?.feeLabels?.[index]));
  const german = labels.find((label) => label.lang);
  return (
    <>
      {german ? texts.note(german) : null}
      {fees.length > 0 ? (
        <ul class="kern-list catalog-fees">
          {fees.map((fee, index) => (
            <li key={index}>
              <span lang={labels[index]!.lang}>{labels[index]!.value}</span>: <strong>{formatMoney(fee.amountCents, texts.page.lang)}</strong>
            </li>
          ))}
        </ul>
      ) : null}
      {feesNote || en?.feesNote ? <LocalParagraphs texts={texts} german={feesNote} english={en?.feesNote} /> : null}
    </>
  );
}

function Online({ texts, service }: { texts: Texts; service: ServiceView }) {
  const { t } = texts.page;
  const online = service.content.channels.find((channel) => channel.kind === 'online');
  if (!online) return <p class="kern-body">{t('catalog:glance.onlineNo')}</p>;
  return (
    <p class="kern-body">
      {t('catalog:glance.onlineYes')}
      {online.target ? (
        <>
          {' – '}
          <a class="kern-link" href={online.target}>
            {t('catalog:channels.online.action')}
          </a>
        </>
      ) : null}
    </p>
  );
}

/** The key facts as a description list, each only when the service has it. */
export function AtAGlance({ texts, service }: { texts: Texts; service: ServiceView }) {
  const { t } = texts.page;
  const { content, office } = service;
  const en = content.en;
  return (
    <section aria-labelledby="auf-einen-blick" class="catalog-section catalog-glance">
      <h2 class="kern-heading-medium" id="auf-einen-blick">
        {t('catalog:glance.title')}
      </h2>
      <dl class="kern-description-list catalog-glance__list">
        {content.fees.length > 0 || content.feesNote ? (
          <Fact id="kosten" term={t('catalog:glance.fees')}>
            <Fees texts={texts} service={service} />
          </Fact>
        ) : null}
        {content.documents.length > 0 ? (
          <Fact id="unterlagen" term={t('catalog:glance.documents')}>
            <LocalList texts={texts} german={content.documents} english={en?.documents} />
          </Fact>
        ) : null}
        {content.processingTime ? (
          <Fact id="dauer" term={t('catalog:glance.processingTime')}>
            <LocalParagraphs texts={texts} german={content.processingTime} english={en?.processingTime} />
          </Fact>
        ) : null}
        {content.deadlines ? (
          <Fact id="fristen" term={t('catalog:glance.deadlines')}>
            <LocalParagraphs texts={texts} german={content.deadlines} english={en?.deadlines} />
          </Fact>
        ) : null}
        {office ? (
          <Fact id="wo" term={t('catalog:glance.where')}>
            <OfficeName texts={texts} office={office} />
            <p class="kern-body">
              {office.street}, {office.postalCode} {office.city}
            </p>
          </Fact>
        ) : null}
        <Fact id="online" term={t('catalog:glance.online')}>
          <Online texts={texts} service={service} />
        </Fact>
      </dl>
    </section>
  );
}

/** The office's address under its name as the page's language has it. */
export function OfficeAddress({ texts, office }: { texts: Texts; office: NonNullable<ServiceView['office']> }) {
  const title = texts.show(office.title, office.en?.title);
  return <Address office={{ ...office, title: title.value }} lang={title.lang} />;
}

function OfficeName({ texts, office }: { texts: Texts; office: NonNullable<ServiceView['office']> }) {
  const title = texts.show(office.title, office.en?.title);
  return (
    <p class="kern-body">
      <a class="kern-link" href={`/dienststellen/${office.slug}`} lang={title.lang}>
        {title.value}
      </a>
    </p>
  );
}

/** The third column: the page's contents, the office with its number and hours, the life situations. */
export function SideColumn(props: { texts: Texts; service: ServiceView; contents: Contents[]; now: Date; holidays: HolidayCalendar }) {
  const { texts, service, contents } = props;
  const { page } = texts;
  const { t } = page;
  const office = service.office;
  return (
    <div class="kern-stack-lg catalog-layout__side">
      <nav aria-labelledby="inhalt" class="catalog-related">
        <h2 class="kern-heading-small" id="inhalt">
          {t('catalog:service.contents')}
        </h2>
        <ul class="kern-list">
          {contents.map((section) => (
            <li key={section.id}>
              <a class="kern-link" href={`#${section.id}`}>
                {section.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {office ? (
        <section aria-labelledby="zustaendig" class="catalog-related">
          <h2 class="kern-heading-small" id="zustaendig">
            {t('catalog:sections.office')}
          </h2>
          <OfficeAddress texts={texts} office={office} />
          {office.phone ? (
            <p class="kern-body">
              {t('catalog:fields.phone')}:{' '}
              <a class="kern-link" href={telHref(office.phone)}>
                {office.phone}
              </a>
            </p>
          ) : null}
          <OpenStatus page={page} hours={office} now={props.now} holidays={props.holidays} />
          <p class="kern-body">
            <a class="kern-link" href={`/dienststellen/${office.slug}`}>
              {t('catalog:service.officeLink')}
            </a>
          </p>
        </section>
      ) : null}
      {service.situations.length > 0 ? (
        <section aria-labelledby="lebenslagen" class="catalog-related">
          <h2 class="kern-heading-small" id="lebenslagen">
            {t('catalog:sections.situations')}
          </h2>
          <ul class="kern-list">
            {service.situations.map((situation) => {
              const title = texts.show(situation.title, situation.en?.title);
              return (
                <li key={situation.id}>
                  <a class="kern-link" href={`/lebenslagen/${situation.slug}`} lang={title.lang}>
                    {title.value}
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
