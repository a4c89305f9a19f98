import { anonymous, type Actor } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { IdentityAssurance } from '#modules/accounts/index.ts';
import { publishedOffice, publishedService } from '#modules/catalog/index.ts';
import { buildOffice, buildService } from '#modules/catalog/test/builders.ts';
import type { FormClient, Response } from '#test/http-client.ts';
import type { FormDefinition } from '../definition/schema.ts';
import type { Answers } from '../definition/answers.ts';
import { firstIncompletePage } from '../definition/pages.ts';
import { shippedForms } from '../forms/index.ts';
import { findCase } from '../repo.cases.ts';
import { openDraft, savePage, startApplication, type DraftKey } from '../service.draft.ts';
import { submitApplication } from '../service.submit.ts';
import { applicationsDb, insertFormVersion, latestVersionNumber } from '../repo.forms.ts';

type Published = Promise<{ definition: FormDefinition; versionId: string; officeId: string }>;
const published = new WeakMap<KernelContext, Map<string, Published>>();

/**
 * Publishes one of the shipped forms on a test platform, with the catalogue's office or service it names
 * (and the service's office), once per platform.
 */
export function publishShippedForm(ctx: KernelContext, key: string): Published {
  let byKey = published.get(ctx);
  if (!byKey) published.set(ctx, (byKey = new Map<string, Published>()));
  let held = byKey.get(key);
  if (!held) {
    held = (async () => {
      const definition = shippedForms.find((form) => form.key === key);
      if (!definition) throw new Error(`No shipped form ${key}`);
      // A catalogue seeded before (the benchmark's demo catalogue) already has the office or service: it is used.
      let officeId: string;
      if (definition.office) officeId = (await publishedOffice(ctx, definition.office))?.id ?? (await buildOffice(ctx, { slug: definition.office, title: `Bürgerbüro ${key}` })).id;
      else {
        const seeded = (await publishedService(ctx, definition.service!))?.office?.id;
        officeId = seeded ?? (await buildOffice(ctx, { slug: `amt-${key}`, title: `Amt für ${key}` })).id;
        if (!seeded) await buildService(ctx, { slug: definition.service!, officeId, fees: [{ label: 'Gebühr', amountCents: 1250 }] });
      }
      const db = applicationsDb(ctx.db);
      const row = await insertFormVersion(db, { definition, version: (await latestVersionNumber(db, key)) + 1, createdBy: null, status: 'published' });
      return { definition, versionId: row.id, officeId };
    })();
    byKey.set(key, held);
  }
  return held;
}

/** Starts an application of a form as a browser does: the start page, then its button. */
export async function startForm(client: FormClient, key: string): Promise<string> {
  await client.get(`/antraege/${key}`);
  const started = await client.post(`/antraege/${key}/starten`, {});
  if (started.status !== 303 || !started.location) throw new Error(`Could not start ${key}: ${started.status} ${started.body.slice(0, 300)}`);
  return started.location;
}

/**
 * Answers pages in order: each entry is the fields of the page the previous answer led to. Returns the
 * last response (a redirect to the next page or to "check your answers").
 */
export async function answerPages(client: FormClient, firstPage: string, pages: Record<string, string>[]): Promise<Response> {
  let url = firstPage;
  let response: Response | undefined;
  for (const fields of pages) {
    await client.get(url);
    response = await client.post(url, fields);
    if (response.status !== 303 || !response.location) throw new Error(`Page ${url} refused: ${response.status} ${response.body.match(/kern-error[^>]*>[^<]*<[^>]*>([^<]*)/g)?.join(' ') ?? response.body.slice(0, 500)}`);
    url = response.location;
  }
  return response!;
}

/** Posts a page as multipart form data, as a browser does for a page with a file field. */

/**
 * Sends an application of a published form through the real services, as its pages would: started by the
 * actor (a visitor by default), each page shown saved in turn with the given answers for its fields (a
 * field left out is saved empty), and submitted with the declaration (at the sign-in level given, as
 * `sessionAssurance` would pass it). Returns the case as stored.
 */
export async function submitCase(ctx: KernelContext, key: string, answers: Answers, actor: Actor = anonymous, identityAssurance: IdentityAssurance | null = null) {
  const started = await startApplication(ctx, actor, key);
  if (!started.ok) throw new Error(`submitCase: ${key} could not be started (${started.reason})`);
  const draft: DraftKey = { draftId: started.draftId, secret: started.secret ?? undefined };
  for (let pages = 0; ; pages += 1) {
    const open = await openDraft(ctx, actor, draft);
    if (!open) throw new Error(`submitCase: draft of ${key} lost`);
    const page = firstIncompletePage(open.form.definition, open.answers);
    if (!page) break;
    if (pages > open.form.definition.pages.length) throw new Error(`submitCase: page ${page.id} of ${key} is not taken with ${JSON.stringify(answers)}`);
    const values = Object.fromEntries(page.fields.map((field) => [field.id, answers[field.id] ?? null]));
    const saved = await savePage(ctx, actor, draft, page.id, values);
    if (!saved.ok) throw new Error(`submitCase: page ${page.id} refused (${saved.reason})`);
  }
  const sent = await submitApplication(ctx, actor, draft, { declared: true, identityAssurance });
  if (!sent.ok) throw new Error(`submitCase: ${key} not sent (${sent.reason})`);
  const made = await findCase(applicationsDb(ctx.db), sent.caseId);
  if (!made) throw new Error(`submitCase: case ${sent.caseId} not found`);
  return made;
}
