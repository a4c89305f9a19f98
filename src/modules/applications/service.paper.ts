import { createHash } from 'node:crypto';
import { recordAudit } from '#kernel/audit.ts';
import type { Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Answers } from './definition/answers.ts';
import type { FormDefinition } from './definition/schema.ts';
import { printableFormPdf, type PrintableLabels } from './pdf/printable.ts';
import { openDraft, type DraftKey } from './service.draft.ts';
import { publishedForm } from './service.forms.ts';
import { receivingOffice } from './service.office.ts';

/*
 * The paper twin of every form: the published version to print, fill in by hand and send to the office
 * that receives it, and a draft with what was entered so far, to print and finish on paper.
 */

/** The printable form's words in the reader's language; the route takes them from the module's texts. */
export interface PaperWords {
  lang: 'de' | 'en';
  labels: PrintableLabels;
  /** The first line of the address, the city as sender and recipient ("Stadt Erkelenz"). */
  cityLine: string;
}

export interface PaperForm {
  pdf: Buffer;
  /** The same in every language, so a person finds it again among their downloads. */
  filename: string;
  /** Tells a cache whether the copy it holds is still the form. */
  etag: string;
}

async function render(ctx: KernelContext, definition: FormDefinition, answers: Answers | null, words: PaperWords, filename: string): Promise<PaperForm> {
  const office = await receivingOffice(ctx, definition);
  // Without an office in the catalogue, the city's name alone still gets a letter to the town hall.
  const sendTo = office ? [words.cityLine, office.title, office.street, `${office.postalCode} ${office.city}`] : [words.cityLine];
  const pdf = await printableFormPdf({ lang: words.lang, definition, answers, sendTo, city: ctx.config.CITY_NAME, labels: words.labels });
  return { pdf, filename, etag: `"${createHash('sha256').update(pdf).digest('base64url').slice(0, 32)}"` };
}

/**
 * The published version of a form, blank, with the receiving office's address in the envelope's window; null
 * for a form not published. The same for everyone, so it is made once per language and kept until a form
 * or the catalogue (the office's address) changes.
 */
export function blankPaperForm(ctx: KernelContext, formKey: string, words: PaperWords): Promise<PaperForm | null> {
  return ctx.content.remember(['applications', 'catalog'], `applications:paper:${formKey}:${words.lang}`, async () => {
    const form = await publishedForm(ctx, formKey);
    return form ? render(ctx, form.definition, null, words, `Formular-${formKey}.pdf`) : null;
  });
}

/**
 * A draft on paper: its form's version with every answer so far in the boxes, for whoever may open the
 * draft (anyone else gets null, as for a draft that does not exist). The printing is recorded, since the
 * sheet carries the person's answers.
 */
export async function draftPaperForm(ctx: KernelContext, actor: Actor, key: DraftKey, words: PaperWords): Promise<PaperForm | null> {
  const open = await openDraft(ctx, actor, key);
  if (!open) return null;
  const { draft, form } = open;
  const printed = await render(ctx, form.definition, open.answers, words, `Antrag-${form.definition.key}.pdf`);
  await recordAudit(ctx.db, { actor }, { action: 'applications.draft-printed', subjectType: 'applications.draft', subjectId: draft.id, dataSubjectId: draft.user_id, meta: { form: form.definition.key } });
  return printed;
}
