import { columnsUnder, defineDataset, type Row } from '#kernel/declarations/datasets.ts';
import { namedDays } from '#kernel/holidays/rules.ts';
import { channelKinds, type ClosingDay, type OfficeContent, type OpeningPeriod, type ServiceContent } from './schemas.content.ts';
import { closingDayText } from './closing-days.ts';
import { catalogDb, publishedOfKind } from './repo.ts';

/*
 * The catalogue's open data: its published services and offices, as the open-data module will publish them
 * (CSV and JSON with a Table Schema, DCAT-AP.de metadata). Only what citizens already see on the pages.
 */

const column = columnsUnder('catalog:openData.columns');

const routeColumn: Record<(typeof channelKinds)[number], string> = {
  online: 'route_online',
  appointment: 'route_appointment',
  phone: 'route_phone',
  email: 'route_email',
  paper: 'route_paper',
  inPerson: 'route_in_person',
};

const euros = (cents: number) => Math.round(cents) / 100;

export const servicesDataset = defineDataset({
  id: 'catalog.services',
  title: 'catalog:openData.services.title',
  description: 'catalog:openData.services.description',
  licence: 'dl-zero-de/2.0',
  frequency: 'WEEKLY',
  themes: ['GOVE'],
  refresh: '15 4 * * *',
  schema: {
    primaryKey: ['id'],
    fields: [
      column('id', 'string', { constraints: { required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*' } }),
      column('title', 'string', { constraints: { required: true } }),
      column('leika_key', 'string', { constraints: { pattern: '99[0-9]{12}' } }),
      column('office', 'string'),
      column('office_id', 'string'),
      ...channelKinds.map((kind) => column(routeColumn[kind], 'boolean', { constraints: { required: true } })),
      column('fee_from', 'number', { unit: 'euro', constraints: { minimum: 0 } }),
      column('fee_to', 'number', { unit: 'euro', constraints: { minimum: 0 } }),
      column('url', 'string', { format: 'uri', constraints: { required: true } }),
      column('updated', 'date'),
    ],
  },
  rows: async (db, config) => {
    const catalog = catalogDb(db);
    const offices = new Map((await publishedOfKind(catalog, 'office')).map((row) => [row.id, row.published as OfficeContent]));
    return (await publishedOfKind(catalog, 'service')).map((row): Row => {
      const service = row.published as ServiceContent;
      const office = service.officeId ? offices.get(service.officeId) : undefined;
      const fees = service.fees.map((fee) => fee.amountCents);
      return {
        id: service.slug,
        title: service.title,
        leika_key: service.leikaKey,
        office: office?.title ?? null,
        office_id: office?.slug ?? null,
        ...Object.fromEntries(channelKinds.map((kind) => [routeColumn[kind], service.channels.some((channel) => channel.kind === kind)])),
        fee_from: fees.length > 0 ? euros(Math.min(...fees)) : null,
        fee_to: fees.length > 0 ? euros(Math.max(...fees)) : null,
        url: `${config.PUBLIC_URL}/leistungen/${service.slug}`,
        updated: row.published_at ? new Date(row.published_at).toISOString().slice(0, 10) : null,
      };
    });
  },
});

const osmDays = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

/** Days as OpenStreetMap writes them: runs of three or more as a range ("Mo-We"), the others listed ("Mo,Th"). */
function osmDayList(days: readonly number[]): string {
  const runs: number[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  return runs.flatMap((run) => (run.length >= 3 ? [`${osmDays[run[0]! - 1]}-${osmDays[run.at(-1)! - 1]}`] : run.map((day) => osmDays[day - 1]!))).join(',');
}

/** A whole-day closing rule in OpenStreetMap's syntax; rules that close from a time stay in `closing_days` only. */
function osmClosingDay(rule: ClosingDay): string | undefined {
  if (rule.from) return undefined;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const named = namedDays.find((candidate) => candidate.id === rule.day)?.on;
  if (named && 'easter' in named) return `easter ${named.easter} days off`;
  const date = named && 'month' in named ? `${String(named.month).padStart(2, '0')}-${String(named.day).padStart(2, '0')}` : rule.day;
  const parts = date.split('-');
  const [month, day] = parts.slice(-2) as [string, string];
  return `${parts.length === 3 ? `${parts[0]} ` : ''}${months[Number(month) - 1]} ${day} off`;
}

/**
 * The week in OpenStreetMap's `opening_hours` syntax, which maps and apps read: days with the same periods
 * share one rule, since a later rule naming a day replaces the earlier one; then public holidays and the
 * whole-day closing days.
 */
export function osmOpeningHours(office: Pick<OfficeContent, 'hours' | 'closedOnHolidays' | 'closingDays'>): string {
  const byDay = new Map<number, OpeningPeriod[]>();
  for (const period of office.hours) byDay.set(period.day, [...(byDay.get(period.day) ?? []), period]);
  const groups = new Map<string, number[]>();
  for (const day of [...byDay.keys()].sort()) {
    const times = byDay.get(day)!.sort((a, b) => a.opens.localeCompare(b.opens)).map((period) => `${period.opens}-${period.closes}`).join(',');
    groups.set(times, [...(groups.get(times) ?? []), day]);
  }
  const rules = [...groups].map(([times, days]) => `${osmDayList(days)} ${times}`);
  if (office.closedOnHolidays) rules.push('PH off');
  for (const rule of office.closingDays ?? []) {
    const closed = osmClosingDay(rule);
    if (closed) rules.push(closed);
  }
  return rules.join('; ');
}

export const officesDataset = defineDataset({
  id: 'catalog.offices',
  title: 'catalog:openData.offices.title',
  description: 'catalog:openData.offices.description',
  licence: 'dl-zero-de/2.0',
  frequency: 'WEEKLY',
  themes: ['GOVE'],
  refresh: '20 4 * * *',
  schema: {
    primaryKey: ['id'],
    fields: [
      column('id', 'string', { constraints: { required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*' } }),
      column('title', 'string', { constraints: { required: true } }),
      column('street', 'string'),
      column('postal_code', 'string', { constraints: { pattern: '[0-9]{5}' } }),
      column('city', 'string'),
      column('phone', 'string'),
      column('email', 'string', { format: 'email' }),
      column('website', 'string', { format: 'uri' }),
      column('opening_hours', 'string'),
      column('closed_on_public_holidays', 'boolean', { constraints: { required: true } }),
      column('holiday_state', 'string', { constraints: { required: true, pattern: '[A-Z]{2}' } }),
      column('closing_days', 'string'),
      column('hours_note', 'string'),
      column('step_free', 'boolean'),
      column('accessible_toilet', 'boolean'),
      column('url', 'string', { format: 'uri', constraints: { required: true } }),
    ],
  },
  rows: async (db, config) =>
    (await publishedOfKind(catalogDb(db), 'office')).map((row): Row => {
      const office = row.published as OfficeContent;
      const orNull = (value: string) => (value === '' ? null : value);
      return {
        id: office.slug,
        title: office.title,
        street: orNull(office.street),
        postal_code: orNull(office.postalCode),
        city: orNull(office.city),
        phone: orNull(office.phone),
        email: orNull(office.email),
        website: orNull(office.website),
        opening_hours: orNull(osmOpeningHours(office)),
        closed_on_public_holidays: office.closedOnHolidays,
        holiday_state: config.HOLIDAY_STATE,
        closing_days: orNull((office.closingDays ?? []).map(closingDayText).join('; ')),
        hours_note: orNull(office.hoursNote),
        step_free: office.stepFree,
        accessible_toilet: office.accessibleToilet,
        url: `${config.PUBLIC_URL}/dienststellen/${office.slug}`,
      };
    }),
});
