import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { isSignedIn } from '../auth/actor.ts';
import type { Crumb, PageContext } from './page.ts';

export interface PageOptions {
  title: string;
  breadcrumbs?: Crumb[];
  /** Set when the page shows a form with errors, so the title tells screen-reader users at once. */
  hasErrors?: boolean;
  /** Language of the page's content when it differs from the interface (Leichte Sprache is German). */
  contentLang?: string;
}

export function renderPage(page: PageContext, options: PageOptions, body: ComponentChildren): string {
  const { t } = page;
  const title = `${options.hasErrors ? `${t('kernel:errors.titlePrefix')} ` : ''}${options.title} – ${t('kernel:site.name', { city: page.cityName })}`;
  return `<!DOCTYPE html>${renderToString(
    <html lang={page.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href="/assets/kern/kern.min.css" />
        <link rel="stylesheet" href="/assets/kern/fonts/fira-sans.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('kernel:layout.skipToContent')}
        </a>
        <SiteHeader page={page} />
        {options.breadcrumbs && options.breadcrumbs.length > 0 ? <Breadcrumbs page={page} crumbs={options.breadcrumbs} /> : null}
        <main id="main" class="kern-container site-main" lang={options.contentLang}>
          {body}
        </main>
        <SiteFooter page={page} />
      </body>
    </html>,
  )}`;
}

function OfficialBanner({ page }: { page: PageContext }) {
  return (
    <div class="kern-kopfzeile">
      <div class="kern-container">
        <div class="kern-kopfzeile__content">
          <span class="kern-kopfzeile__flagge" aria-hidden="true">
            <svg xmlns="http://www.w3.org/2000/svg" fill="none" viewBox="0 0 24 16" width="24" height="16">
              <path fill="#000" d="M0 0h24v5.333H0z" />
              <path fill="#D00" d="M0 5.333h24v5.334H0z" />
              <path fill="#FFCE00" d="M0 10.667h24V16H0z" />
            </svg>
          </span>
          <span class="kern-kopfzeile__label">{page.t('kernel:layout.officialBanner', { city: page.cityName })}</span>
        </div>
      </div>
    </div>
  );
}

function SiteHeader({ page }: { page: PageContext }) {
  const { t } = page;
  return (
    <header class="site-header">
      <OfficialBanner page={page} />
      <div class="kern-container site-header__bar">
        <a class="site-header__brand" href="/">
          <span class="site-header__city">{t('kernel:site.name', { city: page.cityName })}</span>
          <span class="site-header__claim">{t('kernel:site.claim')}</span>
        </a>
        <div class="site-header__tools">
          <LanguageSwitch page={page} />
          <AccountLinks page={page} />
        </div>
      </div>
      {page.nav.length > 0 ? (
        <nav class="site-nav" aria-label={t('kernel:layout.mainNavigation')}>
          <ul class="kern-container site-nav__list">
            {page.nav.map((entry) => {
              const current = page.path === entry.path || page.path.startsWith(`${entry.path}/`);
              return (
                <li key={entry.path}>
                  <a class="site-nav__link" href={entry.path} aria-current={current ? 'page' : undefined}>
                    {t(entry.label)}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

function LanguageSwitch({ page }: { page: PageContext }) {
  const other = page.lang === 'de' ? 'en' : 'de';
  const params = new URLSearchParams(page.query);
  params.set('lang', other);
  return (
    <a class="kern-link site-header__language" href={`${page.path}?${params.toString()}`} hreflang={other} lang={other}>
      <span class="kern-icon kern-icon--language kern-icon--default" aria-hidden="true" />
      {page.t(`kernel:layout.switchTo.${other}`)}
    </a>
  );
}

function AccountLinks({ page }: { page: PageContext }) {
  const { t, actor } = page;
  if (!isSignedIn(actor)) {
    return (
      <a class="kern-link" href="/anmelden">
        {t('kernel:layout.login')}
      </a>
    );
  }
  return (
    <form method="post" action="/abmelden" class="site-header__logout">
      <input type="hidden" name="_csrf" value={page.csrfToken()} />
      <span class="site-header__user">{t('kernel:layout.signedInAs', { name: actor.displayName })}</span>
      {actor.kind === 'staff' ? (
        <a class="kern-link" href="/verwaltung">
          {t('kernel:layout.staffArea')}
        </a>
      ) : null}
      <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--x-small">
        <span class="kern-label">{t('kernel:layout.logout')}</span>
      </button>
    </form>
  );
}

function Breadcrumbs({ page, crumbs }: { page: PageContext; crumbs: Crumb[] }) {
  const all: Crumb[] = [{ label: page.t('kernel:layout.home'), href: '/' }, ...crumbs];
  return (
    <nav class="kern-container breadcrumb" aria-label={page.t('kernel:layout.breadcrumb')}>
      <ol class="breadcrumb__list">
        {all.map((crumb, index) => (
          <li key={index} class="breadcrumb__item">
            {crumb.href && index < all.length - 1 ? (
              <a class="kern-link" href={crumb.href}>
                {crumb.label}
              </a>
            ) : (
              <span aria-current="page">{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function SiteFooter({ page }: { page: PageContext }) {
  const { t } = page;
  return (
    <footer class="site-footer">
      <div class="kern-container">
        <nav aria-label={t('kernel:layout.footerNavigation')}>
          <ul class="kern-list site-footer__links">
            {page.footer.map((link) => (
              <li key={link.path}>
                <a class="kern-link" href={link.path}>
                  {t(link.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="kern-body kern-body--small">{t('kernel:layout.copyright', { city: page.cityName, year: new Date().getFullYear() })}</p>
      </div>
    </footer>
  );
}
