import type { ReceiptInput } from '../receipt.ts';

export const receiptLabels: ReceiptInput['labels'] = {
  page: (page, pages) => `Seite ${page} von ${pages}`,
  answers: 'Ihre Angaben',
  nextSteps: 'Wie es weitergeht',
  reference: 'Vorgangsnummer',
  submittedAt: 'Eingegangen am',
};

/** A receipt with `count` answers over pages of five, each answer distinct so each can be looked for. */
export function receiptWith(count: number, overrides: Partial<ReceiptInput> = {}): ReceiptInput {
  const rows = Array.from({ length: count }, (_, index) => ({ label: `Frage ${index + 1}: Wie lautet Angabe ${index + 1}?`, text: [`Antwort-${index + 1} Kölner Straße ${index + 1}`] }));
  return {
    lang: 'de',
    city: 'Stadt Erkelenz',
    title: 'Eingangsbestätigung: Anmeldung zur Hundesteuer',
    reference: 'A-7K3M-Q9TX-4',
    spelled: 'A – sieben – K – drei – M – Q – neun – T – X – vier',
    submittedAt: '27.11.2026, 14:03 Uhr',
    facts: [
      { label: 'Zuständige Stelle', value: 'Steueramt' },
      { label: 'Eingegangen über', value: 'Online' },
      { label: 'Antragsteller', value: 'Jürgen Weiß-Şahin' },
    ],
    sections: Array.from({ length: Math.ceil(count / 5) }, (_, index) => ({ title: `Seite ${index + 1} des Antrags`, rows: rows.slice(index * 5, index * 5 + 5) })),
    nextSteps: 'Wir prüfen Ihre Anmeldung und schicken Ihnen den Bescheid.',
    footer: ['Stadt Erkelenz', 'Johannismarkt 17, 41812 Erkelenz'],
    labels: receiptLabels,
    ...overrides,
  };
}
