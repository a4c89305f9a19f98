import { PostForm, Select, SubmitButton, TextField } from '#kernel/html/components.tsx';
import type { FieldErrors, PageContext } from '#kernel/html/page.ts';
import { DateField, rawText, type Raw } from '#kernel/forms/index.ts';
import type { StaffPlace } from '#modules/appointments/service.staff.ts';
import { clock, placeHref } from './format.ts';
import { StaffTable } from '#kernel/html/staff-table.tsx';

export interface BlockRow {
  id: string;
  counter_id: string | null;
  starts_at: Date;
  ends_at: Date;
  reason: string | null;
}

interface Props {
  page: PageContext;
  place: StaffPlace;
  day: string;
  counters: { id: string; name: string }[];
}

/** The day's blocked times, each with a button that gives the time back. */
export function BlockList({ page, place, day, counters, blocks }: Props & { blocks: BlockRow[] }) {
  const { t } = page;
  const where = (block: BlockRow) => counters.find((counter) => counter.id === block.counter_id)?.name ?? t('appointments:staff.block.wholePlace');
  return (
    <section class="kern-stack-sm" aria-labelledby="blocks-title">
      <h2 class="kern-heading-medium" id="blocks-title">
        {t('appointments:staff.block.listTitle')}
      </h2>
      {blocks.length === 0 ? (
        <p class="kern-body">{t('appointments:staff.block.none')}</p>
      ) : (
        <StaffTable caption={t('appointments:staff.block.listTitle')} columns={[t('appointments:staff.day.columns.time'), t('appointments:staff.block.counter'), t('appointments:staff.block.reason'), t('appointments:staff.day.columns.actions')]}>
          {blocks.map((block) => (
            <tr key={block.id}>
              <th scope="row" class="kern-table__cell">
                {clock(block.starts_at)}–{clock(block.ends_at)}
              </th>
              <td class="kern-table__cell">{where(block)}</td>
              <td class="kern-table__cell">{block.reason ?? ''}</td>
              <td class="kern-table__cell">
                <PostForm page={page} action={`${placeHref(place.id)}/sperren/${block.id}/aufheben?tag=${day}`}>
                  <button type="submit" class="kern-btn kern-btn--tertiary">
                    <span class="kern-label">
                      {t('appointments:staff.block.remove')}
                      <span class="kern-sr-only">
                        {' '}
                        {clock(block.starts_at)}–{clock(block.ends_at)}, {where(block)}
                      </span>
                    </span>
                  </button>
                </PostForm>
              </td>
            </tr>
          ))}
        </StaffTable>
      )}
    </section>
  );
}

/** Blocks a time of the whole place or of one counter. */
export function BlockForm({ page, place, day, counters, raw, errors }: Props & { raw: Raw; errors: FieldErrors }) {
  const { t } = page;
  return (
    <section class="kern-stack-sm" aria-labelledby="block-title">
      <h2 class="kern-heading-medium" id="block-title">
        {t('appointments:staff.block.title')}
      </h2>
      <p class="kern-body">{t('appointments:staff.block.lead')}</p>
      <PostForm page={page} action={`${placeHref(place.id)}/sperren`}>
        <DateField page={page} name="day" label={t('appointments:staff.block.day')} value={rawText(raw, 'day') ?? day} error={errors.day} />
        <TextField name="from" label={t('appointments:staff.block.from')} hint={t('appointments:staff.block.timeHint')} value={rawText(raw, 'from')} error={errors.from} inputmode="numeric" width={4} />
        <TextField name="to" label={t('appointments:staff.block.to')} hint={t('appointments:staff.block.timeHint')} value={rawText(raw, 'to')} error={errors.to} inputmode="numeric" width={4} />
        <Select
          name="counter"
          label={t('appointments:staff.block.counter')}
          value={rawText(raw, 'counter') ?? ''}
          error={errors.counter}
          choices={[{ value: '', label: t('appointments:staff.block.wholePlace') }, ...counters.map((counter) => ({ value: counter.id, label: counter.name }))]}
        />
        <TextField name="reason" label={t('appointments:staff.block.reason')} optionalLabel={t('appointments:staff.optional')} value={rawText(raw, 'reason')} error={errors.reason} maxLength={200} />
        <SubmitButton label={t('appointments:staff.block.submit')} />
      </PostForm>
    </section>
  );
}
