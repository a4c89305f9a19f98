import type { PageContext } from '#kernel/html/page.ts';
import type { HomeSection, ModuleAbout } from '#kernel/module.ts';
import { isSignedIn } from '#kernel/auth/actor.ts';
import { Heading } from '#kernel/html/components.tsx';
import { telHref } from '#kernel/html/format.ts';
import { SearchForm } from './search.tsx';

const routes = ['online', 'phone', 'letter', 'counter'] as const;

/** The phone card dials the citizens' office; the in-person card leads to the offices, their hours and directions. */
function RouteLink({ page, route }: { page: PageContext; route: (typeof routes)[number] }) {
  const { t } = page;
  if (route === 'phone') {
    const number = t('site:contact.phoneNumber');
    return (
      <p class="kern-body">
        <a class="kern-link" href={telHref(number)}>
          {number}
        </a>
      </p>
    );
  }
  if (route !== 'counter') return null;
  return (
    <p class="kern-body">
      <a class="kern-link" href="/dienststellen">
        {t('site:home.routes.counter.link')}
      </a>
    </p>
  );
}

/** A module's section: entry points as cards (life situations, datasets, courses …). */
function ModuleSection({ page, section, index }: { page: PageContext; section: HomeSection; index: number }) {
  const { t } = page;
  const id = `home-section-${index}`;
  return (
    <section aria-labelledby={id}>
      <h2 class="kern-heading-medium" id={id}>
        {t(section.heading)}
      </h2>
      {section.intro ? <p class="kern-body">{t(section.intro)}</p> : null}
      <ul class="tiles" lang={section.lang && section.lang !== page.lang ? section.lang : undefined}>
        {section.links.map((link) => (
          <li key={link.href} class="kern-card kern-card--small kern-card--interactive">
            <div class="kern-card__container">
              <div class="kern-card__header">
                <h3 class="kern-title">
                  <a class="kern-link kern-link--stretched" href={link.href}>
                    {link.label}
                  </a>
                </h3>
              </div>
              {link.description ? (
                <div class="kern-card__body">
                  <p class="kern-body kern-body--small">{link.description}</p>
                </div>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {section.more ? (
        <p class="kern-body">
          <a class="kern-link" href={section.more.href}>
            {t(section.more.label)}
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** What the installed modules offer, each described by its own module. */
function Offers({ page, offers }: { page: PageContext; offers: readonly ModuleAbout[] }) {
  const { t } = page;
  return (
    <section aria-labelledby="offers-heading">
      <h2 class="kern-heading-medium" id="offers-heading">
        {t('site:home.offersHeading')}
      </h2>
      <ul class="tiles">
        {offers.map((offer) => (
          <li key={offer.href} class="kern-card kern-card--small kern-card--interactive">
            <div class="kern-card__container">
              <div class="kern-card__header">
                <h3 class="kern-title">
                  <a class="kern-link kern-link--stretched" href={offer.href}>
                    {t(offer.heading)}
                  </a>
                </h3>
              </div>
              <div class="kern-card__body">
                <p class="kern-body kern-body--small">{t(offer.text)}</p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function HomePage({ page, offers, sections }: { page: PageContext; offers: readonly ModuleAbout[]; sections: readonly HomeSection[] }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('site:home.lead')}>{t('site:home.heading', { city: page.cityName })}</Heading>
      <SearchForm page={page} query="" />
      {offers.length > 0 ? <Offers page={page} offers={offers} /> : null}
      {sections.map((section, index) => (
        <ModuleSection key={section.heading} page={page} section={section} index={index} />
      ))}
      <section aria-labelledby="routes-heading">
        <h2 class="kern-heading-medium" id="routes-heading">
          {t('site:home.routesHeading')}
        </h2>
        <ul class="tiles">
          {routes.map((route) => (
            <li key={route} class="kern-card kern-card--small">
              <div class="kern-card__container">
                <div class="kern-card__header">
                  <h3 class="kern-title">{t(`site:home.routes.${route}.title`)}</h3>
                </div>
                <div class="kern-card__body">
                  <p class="kern-body">{t(`site:home.routes.${route}.body`)}</p>
                  <RouteLink page={page} route={route} />
                </div>
              </div>
            </li>
          ))}
        </ul>
      </section>
      {isSignedIn(page.actor) ? null : (
        <section aria-labelledby="account-heading">
          <h2 class="kern-heading-medium" id="account-heading">
            {t('site:home.accountHeading')}
          </h2>
          <p class="kern-body">{t('site:home.accountBody')}</p>
          <p>
            <a class="kern-btn kern-btn--secondary" href="/registrieren">
              <span class="kern-label">{t('site:home.register')}</span>
            </a>
          </p>
        </section>
      )}
    </div>
  );
}
