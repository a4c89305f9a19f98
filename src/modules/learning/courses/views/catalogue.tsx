import { Heading, Select, SubmitButton } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import { areaCodes } from '#modules/learning/assessment/digcomp.ts';
import { assessmentPath } from '#modules/learning/assessment/views.tsx';
import { meetingText } from '../facts.ts';
import type { CatalogueEntry, CatalogueFilter } from '../service.catalogue.ts';
import { courseLevels } from '../vocabulary.ts';
import { DemoMark, lang, placesText } from './parts.tsx';

/*
 * The course catalogue: a GET form to filter by competence area and level (each state has its own address
 * and works without JavaScript), then one card per course with its next session and the places left, so
 * the key facts come first. The self-assessment is offered to those who do not know where to start.
 */

export const cataloguePath = '/kurse';

export function catalogueHref(filter: Partial<CatalogueFilter>): string {
  const params = new URLSearchParams();
  if (filter.audience === 'staff') params.set('fuer', 'beschaeftigte');
  if (filter.area) params.set('bereich', filter.area);
  if (filter.level) params.set('stufe', filter.level);
  const query = params.toString();
  return query ? `${cataloguePath}?${query}` : cataloguePath;
}

export function CataloguePage({ page, filter, entries }: { page: PageContext; filter: CatalogueFilter; entries: CatalogueEntry[] }) {
  const { t } = page;
  const staff = filter.audience === 'staff';
  return (
    <div class="kern-stack-lg">
      <Heading>{t(staff ? 'learning:courses.catalogue.staffTitle' : 'learning:courses.catalogue.title')}</Heading>
      <p class="kern-body">{t(staff ? 'learning:courses.catalogue.staffIntro' : 'learning:courses.catalogue.intro')}</p>
      {staff ? null : (
        <p class="kern-body">
          <a class="kern-link" href={assessmentPath}>
            {t('learning:courses.catalogue.assessment')}
          </a>
        </p>
      )}
      <form method="get" action={cataloguePath} class="kern-stack-sm courses-filter">
        {staff ? <input type="hidden" name="fuer" value="beschaeftigte" /> : null}
        <Select
          name="bereich"
          label={t('learning:courses.catalogue.area')}
          choices={[{ value: '', label: t('learning:courses.catalogue.anyArea') }, ...areaCodes.map((area) => ({ value: area, label: t(`learning:digcomp.areas.${area}`) }))]}
          value={filter.area ?? ''}
        />
        <Select
          name="stufe"
          label={t('learning:courses.catalogue.level')}
          choices={[{ value: '', label: t('learning:courses.catalogue.anyLevel') }, ...courseLevels.map((level) => ({ value: level, label: t(`learning:courses.levels.${level}`) }))]}
          value={filter.level ?? ''}
        />
        <SubmitButton label={t('learning:courses.catalogue.filter')} kind="secondary" />
      </form>
      <p class="kern-body" role="status">
        {t('learning:courses.catalogue.count', { count: entries.length })}
      </p>
      <ul class="kern-list courses-list">
        {entries.map((entry) => (
          <li key={entry.course.id} class="kern-card courses-card">
            <div class="kern-card__container kern-stack-xs">
              <h2 class="kern-heading-small">
                <a class="kern-link" href={`${cataloguePath}/${entry.course.slug}`}>
                  {entry.course.title}
                </a>
              </h2>
              {entry.course.demo ? <DemoMark page={page} /> : null}
              <p class="kern-body">{entry.course.summary}</p>
              <p class="kern-body kern-body--small">
                {t(`learning:courses.levels.${entry.course.level}`)} · {entry.course.target_group}
              </p>
              <p class="kern-body kern-body--small">
                {entry.next ? (
                  <>
                    <strong>{t('learning:courses.catalogue.next')}</strong> <time datetime={entry.next.starts_at.toISOString()}>{meetingText(entry.next.meetings[0] ?? entry.next, lang(page))}</time> – {placesText(page, entry.next)}
                  </>
                ) : (
                  t('learning:courses.catalogue.noSession')
                )}
              </p>
            </div>
          </li>
        ))}
      </ul>
      <p class="kern-body">
        <a class="kern-link" href={catalogueHref({ audience: staff ? 'citizens' : 'staff' })}>
          {t(staff ? 'learning:courses.catalogue.toCitizens' : 'learning:courses.catalogue.toStaff')}
        </a>
      </p>
    </div>
  );
}
