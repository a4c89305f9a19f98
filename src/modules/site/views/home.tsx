import type { PageContext } from '#kernel/html/page.ts';
import { isSignedIn } from '#kernel/auth/actor.ts';
import { Heading } from '#kernel/html/components.tsx';
import { SearchForm } from './search.tsx';

const routes = ['online', 'phone', 'letter', 'counter'] as const;

export function HomePage({ page }: { page: PageContext }) {
  const { t } = page;
  return (
    <div class="kern-stack-lg">
      <Heading lead={t('site:home.lead')}>{t('site:home.heading', { city: page.cityName })}</Heading>
      <SearchForm page={page} query="" />
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
