import { BarChart } from '#kernel/html/charts.tsx';
import { Heading } from '#kernel/html/components.tsx';
import type { PageContext } from '#kernel/html/page.ts';
import type { Figures, Tally } from '../service.figures.ts';

/** The coordinator's figures: attendance per DigComp area as a chart and a table, then per course. */

const columns = ['sessions', 'held', 'cancelled', 'places', 'registered', 'waiting', 'attended'] as const satisfies readonly (keyof Tally)[];

function TallyTable({ page, caption, first, rows }: { page: PageContext; caption: string; first: string; rows: { key: string; label: string; tally: Tally }[] }) {
  const { t } = page;
  return (
    <div class="kern-table-responsive">
      <table class="kern-table">
        <caption class="kern-table__caption">{caption}</caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            <th class="kern-table__header" scope="col">
              {first}
            </th>
            {columns.map((column) => (
              <th key={column} class="kern-table__header kern-table__header--numeric" scope="col">
                {t(`learning:courses.figures.columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {rows.map((row) => (
            <tr key={row.key} class="kern-table__row">
              <th class="kern-table__header" scope="row">
                {row.label}
              </th>
              {columns.map((column) => (
                <td key={column} class="kern-table__cell kern-table__cell--numeric">
                  {row.tally[column]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FiguresPage({ page, figures }: { page: PageContext; figures: Figures }) {
  const { t } = page;
  const areaLabel = (area: string) => t(`learning:digcomp.areas.${area}`);
  return (
    <div class="kern-stack-lg">
      <Heading>{t('learning:courses.figures.title')}</Heading>
      <p class="kern-body">
        {t('learning:courses.figures.intro')}{' '}
        <a class="kern-link" href="/daten">
          {t('learning:courses.figures.openData')}
        </a>
      </p>
      <figure class="opendata-figure">
        <BarChart
          id="teilnahme-bereiche"
          title={t('learning:courses.figures.chartTitle')}
          desc={t('learning:courses.figures.chartDesc')}
          labels={figures.areas.map((entry) => areaLabel(entry.area))}
          values={figures.areas.map((entry) => entry.tally.attended)}
          format={(value) => String(value)}
        />
      </figure>
      <TallyTable page={page} caption={t('learning:courses.figures.byArea')} first={t('learning:courses.figures.area')} rows={figures.areas.map((entry) => ({ key: entry.area, label: areaLabel(entry.area), tally: entry.tally }))} />
      <TallyTable page={page} caption={t('learning:courses.figures.byCourse')} first={t('learning:courses.figures.course')} rows={figures.courses.map((entry) => ({ key: entry.slug, label: entry.title, tally: entry.tally }))} />
    </div>
  );
}
