import { Alert } from '#kernel/html/components.tsx';
import type { Crumb, PageContext } from '#kernel/html/page.ts';
import { staffPortalPath } from '#modules/opendata/addresses.ts';
import type { Dataset } from '#modules/opendata/model.ts';
import type { DatasetState, VersionStatus } from '#modules/opendata/tables.ts';
import { staffDatasetPath } from './paths.ts';

/** The back office's breadcrumbs down to the data area, and to a dataset when one is given. */
export const staffCrumbs = (page: Pick<PageContext, 't'>, dataset?: Pick<Dataset, 'name' | 'title'>): Crumb[] => [
  { label: page.t('accounts:staff.dashboardTitle'), href: '/verwaltung' },
  { label: page.t('opendata:staff.title'), href: staffPortalPath },
  ...(dataset ? [{ label: dataset.title, href: staffDatasetPath(dataset.name) }] : []),
];

const stateKinds: Record<DatasetState, string> = { draft: 'warning', active: 'success', deleted: 'danger' };
const statusKinds: Record<VersionStatus, string> = { received: 'info', checking: 'info', loaded: 'success', valid: 'success', invalid: 'danger', failed: 'danger', superseded: 'info' };

export function StateBadge({ page, state }: { page: PageContext; state: DatasetState }) {
  return <span class={`kern-badge kern-badge--${stateKinds[state]}`}><span class="kern-label kern-label--small">{page.t(`opendata:staff.states.${state}`)}</span></span>;
}

export function StatusBadge({ page, status }: { page: PageContext; status: VersionStatus }) {
  return <span class={`kern-badge kern-badge--${statusKinds[status]}`}><span class="kern-label kern-label--small">{page.t(`opendata:staff.statuses.${status}`)}</span></span>;
}

const dateTime = { de: new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }), en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }) };
export const formatInstant = (page: Pick<PageContext, 'lang'>, instant: Date) => dateTime[page.lang].format(instant);

/** The confirmation after a redirect, by the code in its address. */
export function Notice({ page, code }: { page: PageContext; code: string | undefined }) {
  const known = ['created', 'changed', 'published', 'withdrawn', 'deleted', 'resource-added', 'dictionary-changed'];
  if (!code || !known.includes(code)) return null;
  return <Alert kind="success" title={page.t(`opendata:staff.notices.${code}`)} />;
}
