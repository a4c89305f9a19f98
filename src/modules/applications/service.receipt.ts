import type { KernelContext } from '#kernel/context.ts';
import { formatDateTime } from '#kernel/html/format.ts';
import type { Answers } from './definition/answers.ts';
import { answerRows } from './definition/pages.ts';
import { receiptPdf } from './pdf/receipt.ts';
import { procedureFacts } from './procedures.ts';
import type { LoadedForm } from './service.forms.ts';
import { spellReference } from './spelling.ts';
import type { Applicant, CaseChannel } from './tables.ts';

export interface ReceiptFacts {
  form: LoadedForm;
  answers: Answers;
  reference: string;
  submittedAt: Date;
  applicant: Applicant;
  office: { title: string };
  channel: CaseChannel;
}

/** The receipt's file name, the same in every language so a person finds it again among their downloads. */
export const receiptFilename = (reference: string) => `Eingangsbestaetigung-${reference}.pdf`;

/**
 * Renders the receipt of an application (every answer, the reference spelled for the phone, what happens
 * next) in the applicant's language and puts it into the file store. Returns null when the store refuses it,
 * which it only does when a scanner finds something in our own PDF: the case is still made.
 */
export async function makeReceipt(ctx: KernelContext, facts: ReceiptFacts): Promise<{ fileId: string; filename: string } | null> {
  const language = facts.applicant.language;
  const t = ctx.i18n.getFixedT(language);
  const { definition } = facts.form;
  const pdf = await receiptPdf({
    lang: language,
    city: ctx.config.CITY_NAME,
    title: t('applications:receipt.title', { form: definition.title[language] ?? definition.title.de }),
    reference: facts.reference,
    spelled: spellReference(facts.reference, language),
    submittedAt: formatDateTime(facts.submittedAt, language),
    facts: [
      { label: t('applications:receipt.office'), value: facts.office.title },
      { label: t('applications:receipt.channel'), value: t(`applications:channels.${facts.channel}`) },
      ...(facts.applicant.name ? [{ label: t('applications:receipt.applicant'), value: facts.applicant.name }] : []),
      ...procedureFacts(definition, facts.answers, t).map((fact) => ({ label: fact.label, value: fact.text })),
    ],
    sections: answerRows(definition, facts.answers, language).map((section) => ({ title: section.title, rows: section.rows.map(({ label, text }) => ({ label, text })) })),
    nextSteps: definition.nextSteps[language] ?? definition.nextSteps.de,
    footer: [t('applications:receipt.footer', { city: ctx.config.CITY_NAME })],
    labels: {
      page: (page: number, pages: number) => t('applications:receipt.page', { page, pages }),
      answers: t('applications:receipt.answers'),
      nextSteps: t('applications:receipt.nextSteps'),
      reference: t('applications:receipt.reference'),
      submittedAt: t('applications:receipt.submittedAt'),
    },
  });
  const put = await ctx.files.put(pdf, { accept: ['application/pdf'], maxBytes: 20 * 1024 * 1024 });
  return put.ok ? { fileId: put.file.id, filename: receiptFilename(facts.reference) } : null;
}
