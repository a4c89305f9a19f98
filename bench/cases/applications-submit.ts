import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { anonymous } from '#kernel/auth/actor.ts';
import { recordAudit } from '#kernel/audit.ts';
import type { KernelContext } from '#kernel/context.ts';
import { sendMailJob } from '#kernel/mail.ts';
import { newReference } from '#kernel/reference.ts';
import { hashSecret } from '#modules/applications/access.ts';
import { firstIncompletePage } from '#modules/applications/definition/pages.ts';
import { insertDraft } from '#modules/applications/repo.drafts.ts';
import { applicationsDb } from '#modules/applications/repo.forms.ts';
import { submitApplication } from '#modules/applications/service.submit.ts';
import { publishShippedForm } from '#modules/applications/test/builders.ts';
import { measure, percentile, type BenchCase, type Rate } from '../case.ts';

const load = { count: 600, concurrency: 50, maxSeconds: 60 };

/** A guest's complete contact form, as the pages store it. */
const answers = (index: number) => ({
  topic: 'question',
  message: 'Wann ist der Wertstoffhof samstags geöffnet?',
  attachment: null,
  givenName: 'Erika',
  familyName: `Muster${index}`,
  answerBy: 'email',
  email: `erika${index}@example.org`,
});


async function timed(latencies: number[], work: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await work();
  latencies.push(performance.now() - start);
}

/**
 * Sending an application (draft → case with its receipt, file references, the confirmation through notify
 * with its outbox job, the event and the audit record, in one transaction) by 50 guests at once, against raw
 * inserts of the same rows through the same pool. The label carries the p95 latency and the submissions that
 * did not become a case, which must be none.
 */
export const applicationsSubmitCase: BenchCase = {
  name: 'application submit vs raw insert',
  async run({ platform }) {
    const { ctx } = platform;
    const { versionId, officeId, definition } = await publishShippedForm(ctx, 'kontakt');
    if (firstIncompletePage(definition, answers(0))) throw new Error('The benchmark’s answers no longer complete the contact form');
    const drafts = await prepareDrafts(ctx, versionId, load.count + 50);
    // Warm-up: the first receipt loads pdfkit and the fonts.
    for (const draft of drafts.splice(0, 50)) await submitApplication(ctx, anonymous, draft, { declared: true });

    const submitLatencies: number[] = [];
    let refused = 0;
    const submitted = await measure(load, async (index) =>
      timed(submitLatencies, async () => {
        const result = await submitApplication(ctx, anonymous, drafts[index]!, { declared: true });
        if (!result.ok) refused += 1;
      }),
    );
    const made = await applicationsDb(ctx.db).selectFrom('application_cases').select((eb) => eb.fn.countAll<number>().as('count')).where('draft_id', 'in', drafts.slice(0, submitted.operations).map((draft) => draft.draftId)).executeTakeFirstOrThrow();
    if (refused > 0) throw new Error(`${refused} submissions were refused`);
    const lost = submitted.operations - Number(made.count);

    const receipt = await ctx.files.put(Buffer.from('%PDF-1.7\n% benchmark receipt\n'), { accept: ['application/pdf'], maxBytes: 1024 });
    if (!receipt.ok) throw new Error('The file store refused the benchmark’s receipt');
    const insertLatencies: number[] = [];
    const inserted = await measure(load, async (index) => timed(insertLatencies, () => rawInsert(ctx, { versionId, officeId, fileId: receipt.file.id, index })));
    return {
      measured: { label: `submit (p95 ${Math.round(percentile([...submitLatencies].sort((a, b) => a - b), 0.95))} ms, lost ${lost})`, rate: submitted },
      baseline: { label: `raw inserts (p95 ${Math.round(percentile([...insertLatencies].sort((a, b) => a - b), 0.95))} ms)`, rate: inserted satisfies Rate },
    };
  },
};

async function prepareDrafts(ctx: KernelContext, versionId: string, count: number) {
  const drafts = [];
  for (let index = 0; index < count; index += 1) {
    const secret = randomBytes(24).toString('base64url');
    const row = await insertDraft(applicationsDb(ctx.db), { formVersionId: versionId, userId: null, secretHash: hashSecret(secret), answers: answers(index), channel: 'online', enteredBy: null });
    drafts.push({ draftId: row.id, secret });
  }
  return drafts;
}

/** The rows one submission writes, inserted plainly in one transaction: case, file reference, message and delivery, outbox job, audit record. */
async function rawInsert(ctx: KernelContext, input: { versionId: string; officeId: string; fileId: string; index: number }) {
  await ctx.db.transaction().execute(async (trx) => {
    const db = applicationsDb(trx);
    const made = await db
      .insertInto('application_cases')
      .values({
        reference: newReference('B'),
        form_version_id: input.versionId,
        form_key: 'kontakt',
        office_id: input.officeId,
        applicant: JSON.stringify({ name: 'Erika Muster', email: `raw${input.index}@example.org`, phone: null, postalAddress: null, language: 'de' }),
        answers: JSON.stringify(answers(input.index)),
        status: 'received',
        channel: 'online',
        updated_at: new Date(),
        retention_days: 365,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`insert into file_refs (file_id, module_id, owner_kind, owner_id, personal) values (${input.fileId}, 'applications', 'case', ${made.id}, true)`.execute(trx);
    const message = await sql<{ id: string }>`
      insert into notify_messages (reference, cause, purpose, template_version, recipient_name, email, language, subject, body, created_by)
      values (${newReference('N')}, ${`bench:${made.id}`}, 'case-received', 1, 'Erika Muster', ${`raw${input.index}@example.org`}, 'de', 'Ihr Antrag ist eingegangen', 'Guten Tag', 'bench')
      returning id`.execute(trx);
    await sql`insert into notify_deliveries (message_id, channel, status) values (${message.rows[0]!.id}, 'email', 'created')`.execute(trx);
    await ctx.jobs.enqueue(trx, sendMailJob, { to: `raw${input.index}@example.org`, subject: 'Benchmark', text: 'Benchmark' });
    await recordAudit(trx, { actor: anonymous }, { action: 'applications.case-submitted', subjectType: 'applications.case', subjectId: made.id });
  });
}
