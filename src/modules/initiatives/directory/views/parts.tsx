import type { Language } from '#kernel/auth/actor.ts';
import type { PageContext } from '#kernel/html/page.ts';
import { isDistrict, districts } from '#modules/initiatives/vocabulary.ts';

/*
 * Small pieces the hub's public pages share: the domains as badges, the accessibility features as a list,
 * the served districts in words, the demo mark, and dates in the city's zone.
 */

const zone = 'Europe/Berlin';
const dayFormats = {
  de: new Intl.DateTimeFormat('de-DE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }),
};
const timeFormats = {
  de: new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: zone }),
  en: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone }),
};
const dayKeys = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone });

export const longDay = (value: Date, lang: Language) => dayFormats[lang].format(value);
export const clock = (value: Date, lang: Language) => timeFormats[lang].format(value);
/** The Berlin calendar day of an instant, 'YYYY-MM-DD'. */
export const berlinDayOf = (value: Date) => dayKeys.format(value);

/** "Mittwoch, 6. Januar 2027, 15:00 bis 16:00 Uhr", or the day alone for a whole-day event. */
export function whenText(page: PageContext, startsAt: Date, endsAt: Date, allDay: boolean): string {
  const { t, lang } = page;
  if (allDay) return longDay(startsAt, lang);
  const sameDay = berlinDayOf(startsAt) === berlinDayOf(endsAt);
  return sameDay
    ? t('initiatives:directory.when.sameDay', { day: longDay(startsAt, lang), from: clock(startsAt, lang), to: clock(endsAt, lang) })
    : t('initiatives:directory.when.days', { from: `${longDay(startsAt, lang)} ${clock(startsAt, lang)}`, to: `${longDay(endsAt, lang)} ${clock(endsAt, lang)}` });
}

export function districtNames(page: PageContext, keys: readonly string[]): string {
  const names = keys.filter(isDistrict).map((key) => districts[key].name);
  return names.length > 0 ? names.join(', ') : page.t('initiatives:wholeTown');
}

export function DomainBadges({ page, domains }: { page: PageContext; domains: readonly string[] }) {
  return (
    <ul class="initiatives-badges">
      {domains.map((domain) => (
        <li key={domain} class="kern-badge kern-badge--info kern-badge--small">
          <span class="kern-label">{page.t(`initiatives:domains.${domain}`)}</span>
        </li>
      ))}
    </ul>
  );
}

export function DemoMark({ page }: { page: PageContext }) {
  return (
    <span class="kern-badge kern-badge--warning kern-badge--small">
      <span class="kern-label">{page.t('initiatives:demo')}</span>
    </span>
  );
}

export function AccessibilityText({ page, features }: { page: PageContext; features: readonly string[] }) {
  if (features.length === 0) return <>{page.t('initiatives:directory.noAccessibilityStated')}</>;
  return <>{features.map((feature) => page.t(`initiatives:accessibility.${feature}`)).join(', ')}</>;
}
