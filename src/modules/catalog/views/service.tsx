import type { PageContext } from '#kernel/html/page.ts';
import { Heading } from '#kernel/html/components.tsx';
import { formatDateTime } from '#kernel/html/format.ts';
import type { HolidayCalendar } from '#kernel/holidays/holidays.ts';
import type { Channel } from '../schemas.content.ts';
import type { ServiceView } from '../service.public.ts';
import { Address, BulletList, JsonLd, OpenStatus, Paragraphs, Section, contentLang, formatMoney } from './parts.tsx';

const channelIcon: Record<Channel['kind'], string> = {
  online: 'open-in-new',
  appointment: 'calendar-today',
  email: 'mail',
  phone: 'help',
  paper: 'download',
  inPerson: 'home',
};

/** Digital routes first, then the analog ones; all are shown, none is hidden behind another. */
const channelRank: Record<Channel['kind'], number> = { online: 0, appointment: 1, email: 2, phone: 3, paper: 4, inPerson: 5 };

export function telHref(number: string): string {
  return `tel:${number.replace(/[^0-9+]/g, '')}`;
}

function ChannelAction({ page, channel }: { page: PageContext; channel: Channel }) {
  const { t } = page;
  const label = t(`catalog:channels.${channel.kind}.action`);
  switch (channel.kind) {
    case 'online':
    case 'appointment':
    case 'paper':
      return channel.target === '' ? null : (
        <a class="kern-btn kern-btn--secondary" href={channel.target}>
          <span class="kern-label">{label}</span>
        </a>
      );
    case 'phone':
      return (
        <p class="kern-body">
          <a class="kern-link" href={telHref(channel.target)}>
            {channel.target}
          </a>
        </p>
      );
    case 'email':
      return (
        <p class="kern-body">
          <a class="kern-link" href={`mailto:${channel.target}`}>
            {channel.target}
          </a>
        </p>
      );
    case 'inPerson':
      return channel.target ? <p class="kern-body">{channel.target}</p> : null;
  }
}

export function Channels({ page, service, now, holidays }: { page: PageContext; service: ServiceView; now: Date; holidays: HolidayCalendar }) {
  const { t } = page;
  const lang = contentLang(page);
  const channels = [...service.content.channels].sort((a, b) => channelRank[a.kind] - channelRank[b.kind]);
  const hasOnline = channels.some((channel) => channel.kind === 'online');
  return (
    <Section id="wege" title={t('catalog:service.routes')}>
      <p class="kern-body">{t('catalog:service.routesIntro')}</p>
      {hasOnline ? null : <p class="kern-body">{t('catalog:service.noOnline')}</p>}
      <ul class="tiles catalog-channels">
        {channels.map((channel) => (
          <li key={channel.kind} class="kern-card kern-card--small">
            <div class="kern-card__container">
              <div class="kern-card__header">
                <h3 class="kern-title">
                  <span class={`kern-icon kern-icon--${channelIcon[channel.kind]} kern-icon--default`} aria-hidden="true" /> {t(`catalog:channels.${channel.kind}.title`)}
                </h3>
              </div>
              <div class="kern-card__body kern-stack-sm">
                {channel.instructions ? <Paragraphs text={channel.instructions} lang={lang} /> : null}
                <ChannelAction page={page} channel={channel} />
                {channel.kind === 'inPerson' && service.office ? (
                  <>
                    <Address office={service.office} lang={lang} />
                    <OpenStatus page={page} hours={service.office} now={now} holidays={holidays} />
                  </>
                ) : null}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Fees({ page, service }: { page: PageContext; service: ServiceView }) {
  const { fees, feesNote } = service.content;
  const lang = contentLang(page);
  if (fees.length === 0 && !feesNote) return null;
  return (
    <Section id="kosten" title={page.t('catalog:sections.fees')}>
      {fees.length > 0 ? (
        <dl class="kern-description-list">
          {fees.map((fee, index) => (
            <div class="kern-description-list-item" key={index}>
              <dt class="kern-description-list-item__key" lang={lang}>
                {fee.label}
              </dt>
              <dd class="kern-description-list-item__value">{formatMoney(fee.amountCents, page.lang)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {feesNote ? <Paragraphs text={feesNote} lang={lang} /> : null}
    </Section>
  );
}

function TextSection({ page, id, section, text }: { page: PageContext; id: string; section: string; text: string }) {
  return text ? (
    <Section id={id} title={page.t(`catalog:sections.${section}`)}>
      <Paragraphs text={text} lang={contentLang(page)} />
    </Section>
  ) : null;
}

function ListSection({ page, id, section, items }: { page: PageContext; id: string; section: string; items: readonly string[] }) {
  return items.length > 0 ? (
    <Section id={id} title={page.t(`catalog:sections.${section}`)}>
      <BulletList items={items} lang={contentLang(page)} />
    </Section>
  ) : null;
}

export function ServicePage({ page, service, now, holidays, publicUrl }: { page: PageContext; service: ServiceView; now: Date; holidays: HolidayCalendar; publicUrl: string }) {
  const { t } = page;
  const content = service.content;
  const lang = contentLang(page);
  return (
    <article class="kern-stack-lg catalog-service">
      <JsonLd data={governmentService(page, service, publicUrl)} />
      <div lang={lang}>
        <Heading lead={content.summary}>{content.title}</Heading>
      </div>
      <Channels page={page} service={service} now={now} holidays={holidays} />
      <TextSection page={page} id="was" section="description" text={content.description} />
      <TextSection page={page} id="wer" section="eligibility" text={content.eligibility} />
      <ListSection page={page} id="voraussetzungen" section="requirements" items={content.requirements} />
      <ListSection page={page} id="unterlagen" section="documents" items={content.documents} />
      <Fees page={page} service={service} />
      <TextSection page={page} id="fristen" section="deadlines" text={content.deadlines} />
      <TextSection page={page} id="dauer" section="processingTime" text={content.processingTime} />
      <ListSection page={page} id="rechtsgrundlage" section="legalBasis" items={content.legalBasis} />
      <TextSection page={page} id="hinweise" section="notes" text={content.notes} />
      <TextSection page={page} id="rechtsbehelf" section="appeal" text={content.appeal} />
      {content.links.length > 0 ? (
        <Section id="links" title={t('catalog:sections.links')}>
          <ul class="kern-list" lang={lang}>
            {content.links.map((link) => (
              <li key={link.url}>
                <a class="kern-link" href={link.url}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {content.easyLanguage ? (
        <section aria-labelledby="leichte-sprache" class="catalog-section catalog-easy" lang="de">
          <h2 class="kern-heading-medium" id="leichte-sprache">
            <span class="kern-icon kern-icon--easy-language kern-icon--default" aria-hidden="true" /> Leichte Sprache
          </h2>
          <Paragraphs text={content.easyLanguage} />
        </section>
      ) : null}
      {service.office ? (
        <Section id="zustaendig" title={t('catalog:sections.office')}>
          <Address office={service.office} lang={lang} />
          <p class="kern-body">
            <a class="kern-link" href={`/dienststellen/${service.office.slug}`}>
              {t('catalog:service.officeLink')}
            </a>
          </p>
        </Section>
      ) : null}
      {service.situations.length > 0 ? (
        <Section id="lebenslagen" title={t('catalog:sections.situations')}>
          <ul class="kern-list" lang={lang}>
            {service.situations.map((situation) => (
              <li key={situation.id}>
                <a class="kern-link" href={`/lebenslagen/${situation.slug}`}>
                  {situation.title}
                </a>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <p class="kern-body kern-body--small kern-body--muted">
        {content.leikaKey ? `${t('catalog:service.leikaKey')}: ${content.leikaKey}. ` : ''}
        {service.publishedAt ? t('catalog:service.updated', { date: formatDateTime(service.publishedAt, page.lang) }) : ''}
      </p>
    </article>
  );
}

/** schema.org GovernmentService markup, so search engines and assistants can read the service and its routes. */
export function governmentService(page: PageContext, service: ServiceView, publicUrl: string): object {
  const { content, office } = service;
  const provider = office
    ? {
        '@type': 'GovernmentOrganization',
        name: office.title,
        address: { '@type': 'PostalAddress', streetAddress: office.street, postalCode: office.postalCode, addressLocality: office.city, addressCountry: 'DE' },
        ...(office.phone ? { telephone: office.phone } : {}),
        ...(office.email ? { email: office.email } : {}),
      }
    : undefined;
  const absolute = (target: string) => (target.startsWith('/') ? `${publicUrl}${target}` : target);
  return {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    name: content.title,
    description: content.summary,
    url: `${publicUrl}/leistungen/${content.slug}`,
    inLanguage: 'de',
    areaServed: { '@type': 'City', name: page.cityName },
    ...(content.leikaKey ? { identifier: { '@type': 'PropertyValue', propertyID: 'LeiKa', value: content.leikaKey } } : {}),
    ...(provider ? { provider } : {}),
    availableChannel: content.channels.map((channel) => ({
      '@type': 'ServiceChannel',
      name: page.t(`catalog:channels.${channel.kind}.title`),
      ...(['online', 'appointment', 'paper'].includes(channel.kind) && channel.target !== '' ? { serviceUrl: absolute(channel.target) } : {}),
      ...(channel.kind === 'phone' ? { servicePhone: { '@type': 'ContactPoint', telephone: channel.target } } : {}),
      ...(channel.kind === 'email' ? { serviceUrl: `mailto:${channel.target}` } : {}),
      ...(channel.kind === 'inPerson' && provider ? { serviceLocation: { '@type': 'Place', address: provider.address } } : {}),
    })),
    ...(content.fees.length > 0
      ? { offers: content.fees.map((fee) => ({ '@type': 'Offer', name: fee.label, price: (fee.amountCents / 100).toFixed(2), priceCurrency: 'EUR' })) }
      : {}),
  };
}
