import { describe, expect, it } from 'vitest';
import { holds, pruneHidden, visibleFields, visiblePages } from './conditions.ts';
import { sampleDefinition } from './sample-definition.ts';

const pageIds = (answers: Parameters<typeof visiblePages>[1]) => visiblePages(sampleDefinition, answers).map((page) => page.id);

describe('conditions', () => {
  it('compares a choice, a ticked box and a number, each only with what it equals', () => {
    expect(holds({ field: 'kind', equals: 'car' }, { kind: 'car' })).toBe(true);
    expect(holds({ field: 'kind', equals: 'car' }, { kind: 'motorbike' })).toBe(false);
    expect(holds({ field: 'hasDogs', equals: true }, { hasDogs: true })).toBe(true);
    expect(holds({ field: 'hasDogs', equals: false }, {})).toBe(false);
    expect(holds({ field: 'adults', equals: 2 }, { adults: 2 })).toBe(true);
    expect(holds({ field: 'adults', equals: 2 }, { adults: '2' })).toBe(false);
  });

  it('holds `in` for one of the values, also for any box ticked of several', () => {
    expect(holds({ field: 'kind', in: ['car', 'motorbike'] }, { kind: 'motorbike' })).toBe(true);
    expect(holds({ field: 'kind', in: ['car'] }, { kind: 'motorbike' })).toBe(false);
    expect(holds({ field: 'topics', in: ['parking'] }, { topics: ['waste', 'parking'] })).toBe(true);
    expect(holds({ field: 'topics', equals: 'waste' }, { topics: ['waste'] })).toBe(true);
    expect(holds({ field: 'topics', in: ['parking'] }, { topics: ['waste'] })).toBe(false);
  });

  it('counts `filled` and `atLeast`: blank text, an unticked box and no rows are nothing; rows and boxes count', () => {
    expect(holds({ field: 'name', filled: true }, { name: '  ' })).toBe(false);
    expect(holds({ field: 'name', filled: false }, {})).toBe(true);
    expect(holds({ field: 'hasDogs', filled: true }, { hasDogs: false })).toBe(false);
    expect(holds({ field: 'dog', atLeast: 2 }, { dog: [{ name: 'Bello' }, { name: 'Hasso' }] })).toBe(true);
    expect(holds({ field: 'dog', atLeast: 3 }, { dog: [{ name: 'Bello' }] })).toBe(false);
    expect(holds({ field: 'adults', atLeast: 3 }, { adults: 3 })).toBe(true);
    expect(holds({ field: 'adults', atLeast: 3 }, { adults: null })).toBe(false);
    expect(holds({ field: 'name' }, { name: 'Erika' })).toBe(true);
  });

  it('combines with all, any and not', () => {
    const answers = { kind: 'car', adults: 1 };
    expect(holds({ all: [{ field: 'kind', equals: 'car' }, { field: 'adults', atLeast: 2 }] }, answers)).toBe(false);
    expect(holds({ any: [{ field: 'kind', equals: 'car' }, { field: 'adults', atLeast: 2 }] }, answers)).toBe(true);
    expect(holds({ not: { field: 'kind', equals: 'car' } }, answers)).toBe(false);
    expect(holds({ not: { field: 'kind', equals: 'car' } }, {})).toBe(true);
  });

  it('shows a page only when its condition holds', () => {
    expect(pageIds({})).toEqual(['applicant', 'vehicle', 'period', 'household', 'payment']);
    expect(pageIds({ hasDogs: true })).toEqual(['applicant', 'vehicle', 'period', 'household', 'dogs', 'payment']);
  });

  it('shows a field only when its condition holds', () => {
    const payment = sampleDefinition.pages.find((page) => page.id === 'payment')!;
    expect(visibleFields(payment, { kind: 'motorbike', adults: 1 }).map((field) => field.id)).toEqual(['proof']);
    expect(visibleFields(payment, { kind: 'motorbike', adults: 4 }).map((field) => field.id)).toEqual(['iban', 'proof']);
  });

  it('drops the answers of hidden pages and fields, unknown ids, and fields of rows the group does not have', () => {
    const answers = {
      name: 'Erika',
      kind: 'motorbike',
      adults: 1,
      hasDogs: false,
      dog: [{ name: 'Bello', colour: 'brown' }],
      iban: 'DE89370400440532013000',
      invented: 'x',
    };
    expect(pruneHidden(sampleDefinition, answers)).toEqual({ name: 'Erika', kind: 'motorbike', adults: 1, hasDogs: false });
    expect(pruneHidden(sampleDefinition, { ...answers, hasDogs: true }).dog).toEqual([{ name: 'Bello' }]);
  });

  it('lets an answer on a page that is no longer shown open nothing later', () => {
    const chained = {
      ...sampleDefinition,
      pages: [
        sampleDefinition.pages[3]!,
        { ...sampleDefinition.pages[4]!, when: { field: 'hasDogs', equals: true } },
        { id: 'dogTax', title: { de: 'Steuer' }, when: { field: 'dog', atLeast: 1 }, fields: [{ type: 'checkbox' as const, id: 'exempt', label: { de: 'Befreit' } }] },
      ],
    };
    const answers = { hasDogs: false, adults: 1, dog: [{ name: 'Bello' }] };
    expect(visiblePages(chained, answers).map((page) => page.id)).toEqual(['household']);
    expect(visiblePages(chained, { ...answers, hasDogs: true }).map((page) => page.id)).toEqual(['household', 'dogs', 'dogTax']);
  });
});
