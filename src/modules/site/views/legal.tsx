import type { PageContext } from '#kernel/html/page.ts';
import type { ModuleAbout } from '#kernel/module.ts';
import { Heading } from '#kernel/html/components.tsx';

/** `demo`: the installation runs on demo data, and the placeholder contact details must say so. */
export function ImprintPage({ page, demo }: { page: PageContext; demo: boolean }) {
  const { t } = page;
  const city = page.cityName;
  return (
    <div class="kern-stack-md">
      <Heading>{t('site:imprint.title')}</Heading>
      <h2 class="kern-heading-medium">{t('site:imprint.provider')}</h2>
      <p class="kern-body">{t('site:imprint.providerBody', { city })}</p>
      <p class="kern-body">{t('site:imprint.contactBody')}</p>
      <p class="kern-body">{t('site:imprint.vat', { city })}</p>
      <p class="kern-body">{t('site:imprint.responsible', { city })}</p>
      {demo ? <p class="kern-body kern-body--muted">{t('site:imprint.demo')}</p> : null}
    </div>
  );
}

/** A retention rule's sentence for the privacy notice, with the values it states (days, hours). */
export interface RetentionNotice {
  key: string;
  values: Record<string, string | number>;
}

export function PrivacyPage({ page, retention }: { page: PageContext; retention: readonly RetentionNotice[] }) {
  const { t } = page;
  return (
    <div class="kern-stack-md">
      <Heading>{t('site:privacy.title')}</Heading>
      <p class="kern-body">{t('site:privacy.intro', { city: page.cityName })}</p>
      <h2 class="kern-heading-medium">{t('site:privacy.rightsHeading')}</h2>
      <p class="kern-body">{t('site:privacy.rights')}</p>
      <h2 class="kern-heading-medium">{t('site:privacy.cookiesHeading')}</h2>
      <p class="kern-body">{t('site:privacy.cookies')}</p>
      <h2 class="kern-heading-medium">{t('site:privacy.retentionHeading')}</h2>
      <p class="kern-body">{t('site:privacy.retentionIntro')}</p>
      <ul class="kern-list kern-list--bullet">
        {retention.map((rule) => (
          <li key={rule.key}>{t(rule.key, rule.values)}</li>
        ))}
      </ul>
    </div>
  );
}

export function ContactPage({ page }: { page: PageContext }) {
  const { t } = page;
  return (
    <div class="kern-stack-md">
      <Heading>{t('site:contact.title')}</Heading>
      <address class="kern-body">
        {t('site:contact.address', { city: page.cityName })}
        <br />
        {t('site:contact.phone')}
        <br />
        {t('site:contact.email')}
      </address>
      <p class="kern-body">{t('site:contact.hours')}</p>
    </div>
  );
}

/** `offers`: what the installed modules offer, each in its own Leichte Sprache sentence. */
export function EasyLanguagePage({ page, offers }: { page: PageContext; offers: readonly ModuleAbout[] }) {
  const { t } = page;
  const city = page.cityName;
  return (
    <div class="kern-stack-md easy-language">
      <h1 class="kern-heading-x-large">{t('site:easyLanguage.heading')}</h1>
      {(['p1', 'p2', 'p3', 'p4', 'p5', 'p6'] as const).map((key) => (
        <p class="kern-body kern-body--large" key={key}>
          {t(`site:easyLanguage.${key}`, { city })}
        </p>
      ))}
      <h2 class="kern-heading-medium">{t('site:easyLanguage.h2')}</h2>
      <ul class="kern-list kern-list--bullet kern-list--large">
        {offers.map((offer) => (
          <li key={offer.href}>
            <a class="kern-link" href={offer.href}>
              {t(offer.heading, { lng: 'de' })}
            </a>
            {': '}
            {t(offer.easyText, { lng: 'de', city })}
          </li>
        ))}
      </ul>
      <h2 class="kern-heading-medium">{t('site:easyLanguage.h3')}</h2>
      <p class="kern-body kern-body--large">{t('site:easyLanguage.p7')}</p>
      <p class="kern-body kern-body--large">
        <a class="kern-link" href="/barrierefreiheit#feedback-heading">
          {t('site:easyLanguage.feedbackLink')}
        </a>
      </p>
    </div>
  );
}
