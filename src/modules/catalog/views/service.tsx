import type { ComponentChildren } from 'preact';
import type { PageContext } from '#kernel/html/page.ts';
import type { ServiceRouteNote } from '#kernel/module.ts';
import { Heading } from '#kernel/html/components.tsx';
import { formatDateTime } from '#kernel/html/format.ts';
import type { HolidayCalendar } from '#kernel/holidays/holidays.ts';
import type { Channel } from '../schemas.content.ts';
import type { ServiceView } from '../service.public.ts';
import { JsonLd, OpenStatus, Paragraphs, Section, telHref } from './parts.tsx';
import { LocalList, LocalParagraphs, OnlyGerman, textsOf, type Texts } from './texts.tsx';
import { AtAGlance, OfficeAddress, SideColumn, type Contents } from './service-glance.tsx';

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

export { telHref } from './parts.tsx';

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

const longDays = { de: new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }), en: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }) };

/** A line another module adds under a route's link, its calendar days written out in the page's language. */
function RouteNote({ page, note }: { page: PageContext; note: ServiceRouteNote }) {
  const days = Object.fromEntries(Object.entries(note.days ?? {}).map(([name, day]) => [name, longDays[page.lang].format(new Date(`${day}T12:00:00Z`))]));
  return <p class="kern-body">{page.t(note.key, { ...note.values, ...days })}</p>;
}

export function Channels({ texts, service, now, holidays }: { texts: Texts; service: ServiceView; now: Date; holidays: HolidayCalendar }) {
  const { page } = texts;
  const { t } = page;
  const channels = [...service.content.channels].sort((a, b) => channelRank[a.kind] - channelRank[b.kind]);
  const hasOnline = channels.some((channel) => channel.kind === 'online');
  const english = service.content.en?.channelInstructions;
  const office = service.office;
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
                {channel.instructions || english?.[channel.kind] ? <LocalParagraphs texts={texts} german={channel.instructions} english={english?.[channel.kind]} /> : null}
                <ChannelAction page={page} channel={channel} />
                {service.routeNotes?.[channel.kind] ? <RouteNote page={page} note={service.routeNotes[channel.kind]!} /> : null}
                {channel.kind === 'inPerson' && office ? (
                  <>
                    <OfficeAddress texts={texts} office={office} />
                    <OpenStatus page={page} hours={office} now={now} holidays={holidays} />
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

interface Part extends Contents {
  body: ComponentChildren;
}

/** The sections after the routes, each only when the service has something to say in it. */
function parts(texts: Texts, service: ServiceView): Part[] {
  const { t } = texts.page;
  const content = service.content;
  const en = content.en ?? {};
  const text = (id: string, section: 'description' | 'eligibility' | 'notes' | 'appeal') =>
    content[section] || en[section] ? [{ id, title: t(`catalog:sections.${section}`), body: <LocalParagraphs texts={texts} german={content[section]} english={en[section]} /> }] : [];
  const list = (id: string, section: 'requirements' | 'legalBasis') =>
    content[section].length > 0 ? [{ id, title: t(`catalog:sections.${section}`), body: <LocalList texts={texts} german={content[section]} english={en[section]} /> }] : [];
  return [
    ...text('was', 'description'),
    ...text('wer', 'eligibility'),
    ...list('voraussetzungen', 'requirements'),
    ...list('rechtsgrundlage', 'legalBasis'),
    ...text('hinweise', 'notes'),
    ...text('rechtsbehelf', 'appeal'),
    ...(content.links.length > 0 ? [{ id: 'links', title: t('catalog:sections.links'), body: <Links texts={texts} service={service} /> }] : []),
  ];
}

function Links({ texts, service }: { texts: Texts; service: ServiceView }) {
  const labels = service.content.links.map((link, index) => texts.show(link.label, service.content.en?.linkLabels?.[index]));
  return (
    <>
      {texts.note(labels.find((label) => label.lang) ?? labels[0]!)}
      <ul class="kern-list">
        {service.content.links.map((link, index) => (
          <li key={link.url}>
            <a class="kern-link" href={link.url} lang={labels[index]!.lang}>
              {labels[index]!.value}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ServicePage({ page, service, now, holidays, publicUrl }: { page: PageContext; service: ServiceView; now: Date; holidays: HolidayCalendar; publicUrl: string }) {
  const { t } = page;
  const content = service.content;
  const texts = textsOf(page, content.en);
  const title = texts.show(content.title, content.en?.title);
  const summary = texts.show(content.summary, content.en?.summary);
  const sections = parts(texts, service);
  const easy = content.easyLanguage ? [{ id: 'leichte-sprache', title: 'Leichte Sprache' }] : [];
  const contents: Contents[] = [{ id: 'auf-einen-blick', title: t('catalog:glance.title') }, { id: 'wege', title: t('catalog:service.routes') }, ...sections, ...easy];
  return (
    <div class="catalog-layout">
      <article class="kern-stack-lg catalog-layout__main catalog-service">
        <JsonLd data={governmentService(page, service, publicUrl)} />
        <Heading lead={summary.value} leadLang={summary.lang}>
          {title.lang ? <span lang={title.lang}>{title.value}</span> : title.value}
        </Heading>
        {texts.wholeInGerman ? <OnlyGerman page={page} whole /> : null}
        <AtAGlance texts={texts} service={service} />
        <Channels texts={texts} service={service} now={now} holidays={holidays} />
        {sections.map((section) => (
          <Section key={section.id} id={section.id} title={section.title}>
            {section.body}
          </Section>
        ))}
        {content.easyLanguage ? (
          <section aria-labelledby="leichte-sprache" class="catalog-section catalog-easy" lang="de">
            <h2 class="kern-heading-medium" id="leichte-sprache">
              <span class="kern-icon kern-icon--easy-language kern-icon--default" aria-hidden="true" /> Leichte Sprache
            </h2>
            <Paragraphs text={content.easyLanguage} />
          </section>
        ) : null}
        <p class="kern-body kern-body--small kern-body--muted">
          {content.leikaKey ? `${t('catalog:service.leikaKey')}: ${content.leikaKey}. ` : ''}
          {service.publishedAt ? t('catalog:service.updated', { date: formatDateTime(service.publishedAt, page.lang) }) : ''}
        </p>
      </article>
      <SideColumn texts={texts} service={service} contents={contents} now={now} holidays={holidays} />
    </div>
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
