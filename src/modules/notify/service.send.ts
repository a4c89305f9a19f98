import { recordAudit } from '#kernel/audit.ts';
import { actorLabel, systemActor, type Actor, type Language } from '#kernel/auth/actor.ts';
import type { KernelContext } from '#kernel/context.ts';
import type { Executor } from '#kernel/db/database.ts';
import type { KernelTables } from '#kernel/db/tables.ts';
import { newReference } from '#kernel/reference.ts';
import { normaliseEmail, optionalText } from '#kernel/text.ts';
import type { PutRefusal } from '#kernel/files/refusals.ts';
import { recipientProfile, type PostalAddress } from '#modules/accounts/index.ts';
import { isAttachable, maxAttachments, messageOwner, putAttachment, type AttachmentType } from './attachments.ts';
import { deliverEmailJob, renderDocumentJob } from './jobs.ts';
import { notifyPermissions } from './permissions.ts';
import { insertAttachments } from './repo.attachments.ts';
import { deliveriesOf, findMessageIdByCause, insertDelivery, insertMessage } from './repo.messages.ts';
import { notifyDb, templateForSending } from './repo.templates.ts';
import { route, type Recipient, type RequiredChannel } from './routing.ts';
import type { Channel } from './tables.ts';
import { fill, placeholdersIn, prepareValues, type RawValues, type ValueProblem } from './templates.ts';

/** A file put into the store with `putAttachment` before the transaction, and the name the person sees. */
export interface AttachmentInput {
  filename: string;
  fileId: string;
}

export interface NotificationInput {
  /** The template's purpose, e.g. `case-received`. */
  purpose: string;
  /** An account (its preferences decide), or a guest with the addresses the procedure collected. */
  recipient: { userId: string } | { name: string; language: Language; email?: string | null; postalAddress?: PostalAddress | null };
  values: RawValues;
  /** A channel the law requires on top of the person's choice (a formal decision by letter). */
  requiredChannel?: RequiredChannel;
  attachments?: AttachmentInput[];
  /**
   * A formal document (a decision): the letter prints it as any message; the inbox keeps it beside its text
   * as a PDF of that same letter, rendered after the transaction (`notify.render-document`); the e-mail
   * carries neither text nor attachments, only a notice in the recipient's language that it is ready. A
   * guest, who has no inbox, gets it by letter.
   */
  document?: boolean;
  /**
   * What caused the message, unique platform-wide (`applications:received:<case id>`): the same cause
   * yields the same message however often it is sent, so a retried caller never writes twice.
   */
  cause: string;
  /**
   * Path of the matter on the platform, for the e-mail's link and the letter's QR code. Never a link that
   * opens something by itself (a token in its query): messages are stored for a year.
   */
  link?: string;
  /** Who the message is from, for the delivery record; the calling module by default. */
  sender?: Actor;
}

export type SendFailure =
  | {
      ok: false;
      reason: 'unknown-purpose' | 'unknown-recipient' | 'invalid-recipient' | 'no-postal-address' | 'no-email' | 'no-channel' | 'invalid-attachment' | 'invalid-cause' | 'secret-link';
    }
  | { ok: false; reason: 'invalid-values'; problems: ValueProblem[] };

export type SendResult = { ok: true; messageId: string; reference: string; channels: Channel[]; duplicate: boolean } | SendFailure;

const secretParameter = /^(token|access_token|code|key|secret|signature|sig|otp|password|auth)$/i;

/**
 * Whether a text holds a link with something secret in its query or fragment (`?token=…`). Such a link
 * works for whoever holds it; in a message it would rest in the database, the inbox and the print batch
 * long after it was sent. A module that must mail one sends it through a job of its own that makes the
 * token when the mail leaves.
 */
export function carriesSecret(text: string): boolean {
  for (const [, name = ''] of text.matchAll(/[?&#;]([^=&#;\s]+)=/g)) {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // A name that is not valid percent-encoding is checked as written.
    }
    if (secretParameter.test(decoded)) return true;
  }
  return false;
}

function guestAddress(address: PostalAddress | null | undefined): PostalAddress | null | 'invalid' {
  if (!address) return null;
  const parts = { street: optionalText(address.street), houseNumber: optionalText(address.houseNumber), postalCode: optionalText(address.postalCode), city: optionalText(address.city) };
  if (!parts.street || !parts.houseNumber || !parts.city || !parts.postalCode || !/^\d{5}$/.test(parts.postalCode)) return 'invalid';
  return { street: parts.street, houseNumber: parts.houseNumber, postalCode: parts.postalCode, city: parts.city };
}

async function resolveRecipient(db: Executor<KernelTables>, recipient: NotificationInput['recipient']): Promise<Recipient | 'unknown' | 'invalid'> {
  if ('userId' in recipient) {
    const profile = await recipientProfile(db, recipient.userId);
    return profile ? { kind: 'account', profile } : 'unknown';
  }
  const name = optionalText(recipient.name);
  const email = recipient.email ? normaliseEmail(recipient.email) : null;
  const postalAddress = guestAddress(recipient.postalAddress);
  if (!name || (recipient.email && !email) || postalAddress === 'invalid') return 'invalid';
  return { kind: 'guest', name, email, postalAddress };
}

/**
 * Creates a message from the purpose's current template and queues its deliveries, all inside the caller's
 * transaction (outbox): if the caller's change rolls back, no message was ever sent. The recipient's
 * preferred channel decides how it travels; account holders find it in their inbox too.
 */
export async function sendNotification(ctx: KernelContext, trx: Executor<KernelTables>, input: NotificationInput): Promise<SendResult> {
  const db = notifyDb(trx);
  const cause = input.cause.trim();
  if (cause.length === 0 || cause.length > 300) return { ok: false, reason: 'invalid-cause' };
  const texts = [input.link ?? '', ...Object.values(input.values).filter((value) => typeof value === 'string')];
  if (texts.some(carriesSecret)) return { ok: false, reason: 'secret-link' };
  // No look-up of the cause first: the insert below meets a message of the same cause and answers with it.
  const template = await templateForSending(db, input.purpose);
  if (!template) return { ok: false, reason: 'unknown-purpose' };
  const recipient = await resolveRecipient(trx, input.recipient);
  if (recipient === 'unknown') return { ok: false, reason: 'unknown-recipient' };
  if (recipient === 'invalid') return { ok: false, reason: 'invalid-recipient' };
  const document = input.document === true;
  const routing = route(recipient, input.requiredChannel ?? template.required_channel, document);
  if (!routing.ok) return routing;
  const attachments = input.attachments ?? [];
  const stored = await ctx.files.describe(attachments.map((file) => file.fileId), trx);
  if (attachments.length > maxAttachments || attachments.some((file) => !optionalText(file.filename) || !isAttachable(stored.get(file.fileId)))) {
    return { ok: false, reason: 'invalid-attachment' };
  }

  const language = recipient.kind === 'account' ? recipient.profile.language : ('userId' in input.recipient ? 'de' : input.recipient.language);
  const [subject, body] = language === 'de' ? [template.subject_de, template.body_de] : [template.subject_en, template.body_en];
  // Every placeholder of either language counts: a value missing in English must not pass because the
  // recipient happens to read German.
  const used = placeholdersIn(template.subject_de, template.body_de, template.subject_en, template.body_en);
  const prepared = prepareValues(template.placeholders, used, input.values, language, ctx.config.PUBLIC_URL);
  if (!prepared.ok) return { ok: false, reason: 'invalid-values', problems: prepared.problems };

  const reference = newReference('N');
  const name = recipient.kind === 'account' ? recipient.profile.name : recipient.name;
  const values = { ...prepared.values, name, city: ctx.config.CITY_NAME, reference };
  const created = await insertMessage(db, {
    reference,
    cause,
    purpose: template.purpose,
    template_version: template.version,
    user_id: recipient.kind === 'account' ? recipient.profile.userId : null,
    recipient_name: name,
    email: routing.channels.includes('email') ? (recipient.kind === 'account' ? recipient.profile.email : recipient.email) : null,
    postal_address: routing.channels.includes('letter') ? JSON.stringify(recipient.kind === 'account' ? recipient.profile.postalAddress : recipient.postalAddress) : null,
    language,
    subject: fill(subject, values),
    body: fill(body, values),
    link: input.link ?? null,
    document,
    created_by: actorLabel(input.sender ?? systemActor(cause.split(':')[0] ?? 'notify')),
  });
  // Another transaction with the same cause committed between our look-up and our insert.
  if (!created) return duplicateOf(db, (await findMessageIdByCause(db, cause))!);

  await insertAttachments(
    db,
    attachments.map((file, position) => {
      const { id, mediaType, size } = stored.get(file.fileId)!;
      return { message_id: created.id, position, filename: file.filename.trim(), content_type: mediaType, size, file_id: id };
    }),
  );
  const userId = recipient.kind === 'account' ? recipient.profile.userId : null;
  for (const fileId of new Set(attachments.map((file) => file.fileId))) {
    const ref = await ctx.files.addRef(trx, { fileId, owner: messageOwner(created.id), personal: true, dataSubjectId: userId });
    // Checked above in this transaction; only a file deleted in the moment between would fail here.
    if (!ref.ok) throw new Error(`Attachment ${fileId} of message ${created.id}: ${ref.reason}`);
  }
  // A document for an inbox is rendered first; that job sends the e-mail, which says the PDF is there.
  const rendered = document && routing.channels.includes('inbox');
  for (const channel of routing.channels) {
    const id = await insertDelivery(db, { messageId: created.id, channel, status: channel === 'inbox' ? 'delivered' : 'created' }, 'system:notify');
    if (channel === 'email' && !rendered) await ctx.jobs.enqueue(trx, deliverEmailJob, { deliveryId: id });
  }
  if (rendered) await ctx.jobs.enqueue(trx, renderDocumentJob, { messageId: created.id });
  return { ok: true, messageId: created.id, reference: created.reference, channels: routing.channels, duplicate: false };
}

async function duplicateOf(db: ReturnType<typeof notifyDb>, existing: { id: string; reference: string }): Promise<SendResult> {
  const deliveries = await deliveriesOf(db, existing.id);
  const order: Channel[] = ['inbox', 'email', 'letter'];
  const channels = order.filter((channel) => deliveries.some((delivery) => delivery.channel === channel));
  return { ok: true, messageId: existing.id, reference: existing.reference, channels, duplicate: true };
}

export interface SubmittedAttachment {
  filename: string;
  contentType: AttachmentType;
  content: Buffer;
}

export type SubmitResult = SendResult | { ok: false; reason: 'attachment-refused'; filename: string; refusal: PutRefusal };

/**
 * `POST /api/v1/notifications`: a trusted system asks for a message; its causes live in its own namespace.
 * The attachments go into the file store first, each checked to be what the client says it is; a file put
 * for a message that is then refused stays unreferenced and is removed after the store's grace period.
 */
export async function submitNotification(ctx: KernelContext, actor: Actor, input: Omit<NotificationInput, 'sender' | 'attachments'> & { attachments?: SubmittedAttachment[] }): Promise<SubmitResult> {
  ctx.permissions.require(actor, notifyPermissions.send);
  const namespace = actor.kind === 'client' ? `client:${actor.clientId}` : actorLabel(actor);
  const attachments: AttachmentInput[] = [];
  for (const file of input.attachments ?? []) {
    const put = await putAttachment(ctx, file.content, file.contentType);
    if (!put.ok) return { ok: false, reason: 'attachment-refused', filename: file.filename, refusal: put };
    attachments.push({ filename: file.filename, fileId: put.file.id });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const result = await sendNotification(ctx, trx, { ...input, attachments, cause: `${namespace}:${input.cause}`, sender: actor });
    if (result.ok && !result.duplicate) {
      const dataSubjectId = 'userId' in input.recipient ? input.recipient.userId : null;
      await recordAudit(trx, { actor }, { action: 'notify.message-created', subjectType: 'notify_message', subjectId: result.messageId, dataSubjectId, meta: { purpose: input.purpose, channels: result.channels } });
    }
    return result;
  });
}
