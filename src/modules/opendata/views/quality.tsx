import type { PageContext } from '#kernel/html/page.ts';
import type { DatasetQuality } from '../quality/checks.ts';
import { toImprove } from '../quality/score.ts';

/**
 * A dataset's quality as a reader and its publisher see it: the rating and points of the MQA, and what would
 * earn the missing points, in words a publisher acts on.
 */
export function QualityBadge({ page, quality }: { page: PageContext; quality: DatasetQuality }) {
  const { t } = page;
  const { score, checks } = quality;
  const missing = toImprove(score);
  const failed = checks.filter((check) => check.passed === false);
  return (
    <div class="kern-stack-sm">
      <p class="kern-body">
        <strong class={`opendata-quality opendata-quality--${score.rating}`}>{t(`opendata:quality.rating.${score.rating}`)}</strong>{' '}
        {t('opendata:qualityBadge.points', { points: Math.round(score.points), max: score.max })}
      </p>
      {missing.length + failed.length > 0 ? (
        <details class="kern-stack-sm">
          <summary class="kern-body">{t('opendata:qualityBadge.improve', { count: missing.length + failed.length })}</summary>
          <ul class="kern-list">
            {missing.map((indicator) => (
              <li key={indicator.id}>
                {t(indicator.improve)} {t('opendata:qualityBadge.worth', { points: Math.round(indicator.max - indicator.points) })}
              </li>
            ))}
            {failed.map((check) => (
              <li key={check.id}>{t(check.improve)}</li>
            ))}
          </ul>
        </details>
      ) : (
        <p class="kern-body">{t('opendata:qualityBadge.complete')}</p>
      )}
    </div>
  );
}

/** A dataset's rating and points in a table cell of the publisher's list; the ones that need work come first. */
export function QualityCell({ page, quality }: { page: PageContext; quality: DatasetQuality | undefined }) {
  if (!quality) return null;
  const { score } = quality;
  return (
    <>
      <strong class={`opendata-quality opendata-quality--${score.rating}`}>{page.t(`opendata:quality.rating.${score.rating}`)}</strong>
      <br />
      <small>{page.t('opendata:qualityBadge.short', { points: Math.round(score.points), max: score.max })}</small>
    </>
  );
}
