import { describe, expect, it } from 'vitest';
import { conditionInWords, type ConditionContext } from './condition-words.ts';
import { dogTax, printableLabels } from './test/dog-tax.ts';

const german: ConditionContext = { definition: dogTax, lang: 'de', easy: false, labels: printableLabels.condition, yes: 'Ja', no: 'Nein' };

const english: ConditionContext = {
  definition: dogTax,
  lang: 'en',
  easy: false,
  yes: 'Yes',
  no: 'No',
  labels: {
    onlyIf: (condition) => `Only fill in if ${condition}.`,
    quote: (text) => `“${text}”`,
    chosen: (field, choices) => `you ticked ${choices} for ${field}`,
    notChosen: (field, choices) => `you did not tick ${choices} for ${field}`,
    filled: (field) => `you filled in ${field}`,
    notFilled: (field) => `you left ${field} empty`,
    atLeast: (field, amount) => `${field} is at least ${amount}`,
    fewer: (field, amount) => `${field} is less than ${amount}`,
    is: (field, value) => `${field} is ${value}`,
    isNot: (field, value) => `${field} is not ${value}`,
    and: 'and',
    or: 'or',
  },
};

describe('conditions in words', () => {
  it('names a choice by its label, never by its stored value', () => {
    expect(conditionInWords({ field: 'reasons', equals: 'low-income' }, german)).toBe('Nur ausfüllen, wenn Sie bei „Gründe für eine Ermäßigung“ „geringes Einkommen“ angekreuzt haben.');
    expect(conditionInWords({ field: 'reasons', in: ['guide-dog', 'rescue', 'low-income'] }, english)).toBe('Only fill in if you ticked “guide dog”, “from an animal shelter” or “low income” for “Reasons for a reduction”.');
  });

  it('names a single checkbox by the yes or no box printed for it', () => {
    expect(conditionInWords({ field: 'directDebit', equals: true }, german)).toBe('Nur ausfüllen, wenn Sie bei „Ich möchte per Lastschrift zahlen.“ „Ja“ angekreuzt haben.');
    expect(conditionInWords({ not: { field: 'directDebit', equals: true } }, german)).toBe('Nur ausfüllen, wenn Sie bei „Ich möchte per Lastschrift zahlen.“ „Nein“ angekreuzt haben.');
  });

  it('joins all with "and", any with "or", and turns a negated comparison around', () => {
    expect(conditionInWords({ all: [{ field: 'familyName', filled: true }, { field: 'householdSize', atLeast: 2 }] }, german)).toBe(
      'Nur ausfüllen, wenn Sie „Familienname“ ausgefüllt haben und bei „Personen im Haushalt“ mindestens 2 steht.',
    );
    expect(conditionInWords({ any: [{ field: 'remarks', filled: false }, { field: 'householdSize', equals: 1 }, { field: 'dogs', atLeast: 3 }] }, english)).toBe(
      'Only fill in if you left “Remarks” empty, “People in the household” is 1 or “Dogs” is at least 3.',
    );
    expect(conditionInWords({ not: { field: 'householdSize', atLeast: 1500 } }, german)).toBe('Nur ausfüllen, wenn bei „Personen im Haushalt“ weniger als 1.500 steht.');
    expect(conditionInWords({ not: { field: 'reasons', in: ['rescue'] } }, english)).toBe('Only fill in if you did not tick “from an animal shelter” for “Reasons for a reduction”.');
  });

  it('reads a comparison that names only its field as "filled in"', () => {
    expect(conditionInWords({ field: 'remarks' }, german)).toBe('Nur ausfüllen, wenn Sie „Bemerkungen“ ausgefüllt haben.');
    expect(conditionInWords({ not: { field: 'remarks' } }, english)).toBe('Only fill in if you left “Remarks” empty.');
  });

  it('takes the labels in Leichte Sprache where the definition has them', () => {
    expect(conditionInWords({ field: 'familyName', filled: true }, { ...german, easy: true })).toBe('Nur ausfüllen, wenn Sie „Nach-Name“ ausgefüllt haben.');
  });
});
