import { isSignedIn, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import { publishedOffice, publishedService } from '#modules/catalog/index.ts';
import { answerRows } from './definition/pages.ts';
import { latestDraftOf } from './repo.drafts.ts';
import { applicationsDb } from './repo.forms.ts';
import type { OpenDraft } from './service.draft.ts';
import type { LoadedForm } from './service.forms.ts';
import type { CheckSection } from './views/check.tsx';
import type { StartFacts } from './views/start.tsx';

/**
 * What the start page says beside the form's own texts: fees and their note from the catalogue's service
 * (one record, not a second text), the office that decides, and a draft the signed-in person can continue.
 */
export async function startFacts(ctx: KernelContext, actor: Actor, form: LoadedForm, language: 'de' | 'en'): Promise<{ start: StartFacts; resume: { href: string } | null }> {
  const { definition } = form;
  const service = definition.service ? await publishedService(ctx, definition.service) : null;
  const named = definition.office ? await publishedOffice(ctx, definition.office) : null;
  const office = named ? { title: named.content.title, slug: named.content.slug } : service?.office ? { title: service.office.title, slug: service.office.slug } : null;
  const start: StartFacts = {
    fees: service?.content.fees ?? [],
    feesNote: (language === 'en' ? service?.content.en?.feesNote : undefined) ?? service?.content.feesNote ?? '',
    office,
    serviceSlug: service?.content.slug ?? null,
  };
  const draft = isSignedIn(actor) ? await latestDraftOf(applicationsDb(ctx.db), actor.userId, definition.key) : undefined;
  return { start, resume: draft ? { href: `/antraege/entwurf/${draft.id}/seite/${draft.last_page ?? definition.pages[0]!.id}` } : null };
}

/** The answers page by page, as "check your answers" lists them (with `easy`, in Leichte Sprache where written). */
export function checkSections(open: OpenDraft, language: 'de' | 'en', easy = false): CheckSection[] {
  return answerRows(open.form.definition, open.answers, language, easy).map((section) => ({ pageId: section.page.id, title: section.title, rows: section.rows }));
}
