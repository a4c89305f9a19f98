import { formatDay } from '#kernel/dates.ts';
import type { PageContext } from '#kernel/html/page.ts';
import type { Standing } from '../service.ts';
import type { TrainingStatus } from '../status.ts';

export const duePath = '/verwaltung/fortbildung';
export const personHref = (userId: string) => `${duePath}/personen/${userId}`;
export const ownPath = '/verwaltung/meine-fortbildungen';
export const requirementsPath = `${duePath}/anforderungen`;
export const requirementHref = (key: string) => `${requirementsPath}/${key}`;
export const certificateHref = (base: string, recordId: string) => `${base}/nachweise/${recordId}/bescheinigung`;
export const courseHref = (slug: string) => `/kurse/${encodeURIComponent(slug)}`;

const badgeKinds: Record<TrainingStatus, string> = { current: 'success', expiring: 'warning', expired: 'danger', missing: 'danger' };

/** The standing in words, in a badge whose colour repeats what the words say. */
export function StatusBadge({ page, status }: { page: PageContext; status: TrainingStatus }) {
  return (
    <span class={`kern-badge kern-badge--${badgeKinds[status]}`}>
      <span class="kern-label">{page.t(`learning:training.status.${status}`)}</span>
    </span>
  );
}

/** Until when a completion counts, and how long that is from today, in words. */
export function expiryWords(page: PageContext, standing: Pick<Standing, 'expiresOn' | 'daysLeft'>): string {
  const { t } = page;
  if (standing.expiresOn === null || standing.daysLeft === null) return t('learning:training.never');
  const day = formatDay(standing.expiresOn);
  if (standing.daysLeft < 0) return t('learning:training.expiredSince', { day, count: -standing.daysLeft });
  return t('learning:training.validUntil', { day, count: standing.daysLeft });
}

export function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{label}</dt>
      <dd class="kern-description-list-item__value">{value}</dd>
    </div>
  );
}

export const dashboardCrumbs = (page: PageContext) => [
  { label: page.t('accounts:staff.dashboardTitle'), href: '/verwaltung' },
  { label: page.t('learning:training.due.title'), href: duePath },
];
