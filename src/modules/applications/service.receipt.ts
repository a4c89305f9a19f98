import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { formatDateTime } from '#kernel/html/format.ts';
import { defineJob } from '#kernel/jobs.ts';
import type { Answers } from './definition/answers.ts';
import { answerRows } from './definition/pages.ts';
import { receiptPdf } from './pdf/receipt.ts';
import { procedureFacts } from './procedures.ts';
import { caseOwner, findCase, setReceiptIfNone } from './repo.cases.ts';
import { applicationsDb } from './repo.forms.ts';
import { formVersion, type LoadedForm } from './service.forms.ts';
import { receivingOffice } from './service.office.ts';
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

export interface StoredReceipt {
  fileId: string;
  filename: string;
}

/**
 * The receipt of a case, rendered now if the case has none yet: by the job queued with the submission, or
 * by whoever asks for it first (the confirmation page's download comes before the job on a busy day). Two
 * renders at once keep the first; the other file stays unreferenced and the file store sweeps it.
 */
export async function ensureReceipt(ctx: KernelContext, caseId: string): Promise<StoredReceipt | null> {
  const made = await findCase(applicationsDb(ctx.db), caseId);
  if (!made) return null;
  if (made.receipt_file_id) return { fileId: made.receipt_file_id, filename: receiptFilename(made.reference) };
  const form = await formVersion(ctx, made.form_version_id);
  if (!form) return null;
  // The office as the catalogue names it now; a case keeps the office it went to, only the words are read.
  const office = await receivingOffice(ctx, form.definition);
  const facts = { form, answers: made.answers, reference: made.reference, submittedAt: new Date(made.submitted_at), applicant: made.applicant, office: { title: office?.title ?? ctx.config.CITY_NAME }, channel: made.channel };
  const receipt = await makeReceipt(ctx, facts);
  if (!receipt) return null;
  const recorded = await ctx.db.transaction().execute(async (trx) => {
    if (!(await setReceiptIfNone(applicationsDb(trx), made.id, receipt.fileId))) return false;
    await ctx.files.addRef(trx, { fileId: receipt.fileId, owner: caseOwner(made.id), personal: true, dataSubjectId: made.user_id });
    return true;
  });
  if (recorded) return receipt;
  const again = await findCase(applicationsDb(ctx.db), caseId);
  return again?.receipt_file_id ? { fileId: again.receipt_file_id, filename: receiptFilename(again.reference) } : null;
}

/** Queued in the submission's transaction, so the receipt of every acknowledged case is made. */
export const makeReceiptJob = defineJob({
  name: 'applications.make-receipt',
  payload: Type.Object({ caseId: Type.String({ format: 'uuid' }) }),
  handler: async ({ caseId }, ctx) => {
    await ensureReceipt(ctx, caseId);
  },
});
