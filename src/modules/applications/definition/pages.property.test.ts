import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Upload } from '#kernel/files/uploads.ts';
import { inputsOf, type FileDef, type LeafDef } from '#kernel/forms/fields.ts';
import { shippedForms } from '../forms/index.ts';
import type { Answers } from './answers.ts';
import { visiblePages } from './conditions.ts';
import { answersValidator, pageForm, pageRaw, readPage, type PageOptions } from './pages.ts';
import { sampleAnswers, sampleDefinition } from './sample-definition.ts';
import type { FormDefinition } from './schema.ts';

const options: PageOptions = { now: new Date('2026-12-01T10:00:00Z'), city: 'Erkelenz', knownStreet: (street) => street !== 'Mondweg' };

const typed = [
  'on', '2', '1.000', '-3', '02.12.2026', '2026-12-24', '31.02.2026', '24.12.26', 'erk ab 123', 'ERK-AB 1234E', 'ERKAB123',
  'DE89 3704 0044 0532 0130 00', 'DE89370400440532013001', '02431 85-0', '+49 (0)2431 850', 'erika@example.org', 'Erika@',
  'Markt', 'Mondweg', '25', '41812', '4181', 'Erkelenz', '{{number}}', '$t(kernel:forms.optional)',
];
const optionValues = [...new Set([sampleDefinition, ...shippedForms].flatMap((definition) => JSON.stringify(definition).match(/"value":"[a-z0-9-]+"/g) ?? []).map((match) => match.slice(9, -1)))];

/** What a client may post for one input: what people type, option values, and what scripts send. */
const postedValue = fc.oneof(
  fc.constantFrom(...typed, ...optionValues, ''),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.array(fc.oneof(fc.constantFrom(...optionValues), fc.string({ maxLength: 5 })), { maxLength: 4 }),
  fc.constantFrom(null, 42, true, { $ne: 1 }, ['a', { b: 1 }], 'x'.repeat(12_000)),
);

/** What a person would type into an input of this kind: mostly taken, so that the answers get checked too. */
function plausible(field: LeafDef): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case 'integer':
      return fc.integer({ min: field.min ?? 0, max: field.max ?? 1000 }).map(String);
    case 'date':
      return fc.constantFrom(field.min ?? '2026-12-02', field.max ?? '2027-01-31', '2026-12-24').map((day) => day.split('-').reverse().join('.'));
    case 'choice':
    case 'choices':
      return fc.constantFrom(...(field.options ?? []).map((option) => option.value));
    case 'checkbox':
      return fc.constantFrom('on', '');
    case 'email':
      return fc.constant('Erika@Example.org');
    case 'phone':
      return fc.constantFrom('02431 85-0', '+49 2431 850');
    case 'iban':
      return fc.constant('de89 3704 0044 0532 0130 00');
    case 'text':
    case 'textarea':
      return fc.constantFrom('Erika', 'erk ab 123', 'Markt', '25', '41812', 'Erkelenz', 'Zeile\r\nzwei');
    case 'hidden':
    case 'password':
    case 'lines':
    case 'terms':
    case 'euros':
    case 'time':
    case 'file':
      return fc.constant('');
  }
}

function uploadFor(field: FileDef) {
  const stored = fc.record({ hash: fc.stringMatching(/^[0-9a-f]{64}$/), mediaType: fc.constantFrom(...field.accept), size: fc.integer({ min: 1, max: field.maxBytes }), filename: fc.string({ maxLength: 30 }) }).map(
    ({ hash, mediaType, size, filename }): Upload => ({
      filename,
      result: { ok: true, file: { id: hash, size, mediaType, extension: 'bin', status: 'clean', scanner: 'none', signature: null, scannedAt: null, createdAt: new Date() } },
    }),
  );
  const refused = fc.constantFrom<Upload>(
    { filename: '', result: { ok: false, reason: 'empty', accept: field.accept, maxBytes: field.maxBytes } },
    { filename: 'gross.pdf', result: { ok: false, reason: 'too-large', accept: field.accept, maxBytes: field.maxBytes } },
  );
  return fc.option(fc.oneof(stored, refused), { nil: undefined });
}

const cases = fc
  .record({ definition: fc.constantFrom<FormDefinition>(sampleDefinition, ...shippedForms), pageIndex: fc.nat(), answered: fc.boolean() })
  .chain(({ definition, pageIndex, answered }) => {
    const answers: Answers = answered && definition === sampleDefinition ? sampleAnswers : {};
    // A flow asks only pages that are shown; what a hidden page would store is dropped with it.
    const shown = visiblePages(definition, answers);
    const page = shown[pageIndex % shown.length]!;
    const inputs = [...inputsOf(pageForm(definition, 'n', page, answers, options))];
    const names = [...inputs.map((input) => input.name), 'unknown', '__proto__', 'constructor', '_formKey'];
    const files = inputs.filter((input): input is typeof input & { field: FileDef } => input.field.kind === 'file');
    return fc.record({
      definition: fc.constant(definition),
      page: fc.constant(page),
      answers: fc.constant(answers),
      body: fc.oneof(
        fc.array(fc.tuple(fc.constantFrom(...names), postedValue), { maxLength: 25 }),
        fc.tuple(fc.tuple(...inputs.map((input) => plausible(input.field).map((value) => [input.name, value] as const))), fc.array(fc.tuple(fc.constantFrom(...names), postedValue), { maxLength: 2 })).map(([typical, odd]) => [...typical, ...odd]),
      ).map((entries) => Object.fromEntries(entries) as Record<string, unknown>),
      uploads: fc.tuple(...files.map((input) => uploadFor(input.field).map((upload) => [input.name, upload] as const))).map((entries) => new Map(entries)),
    });
  });

describe('any post to any page', () => {
  it('gives problems or answers that fit the JSON Schema and come back the same when shown again; it never throws', () => {
    fc.assert(
      fc.property(cases, ({ definition, page, answers, body, uploads }) => {
        const read = readPage(definition, 'n', page, answers, { body, upload: (name) => uploads.get(name) }, options);
        if (read.ok) {
          const validate = answersValidator(definition);
          expect(validate(read.values), JSON.stringify(validate.errors)).toBe(true);
          const merged = { ...answers, ...read.values };
          const again = readPage(definition, 'n', page, merged, { body: pageRaw(definition, page, merged, options) }, options);
          expect(again).toMatchObject({ ok: true, values: read.values });
        } else {
          expect(Object.keys(read.errors).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 600 },
    );
  });
});
