import type { FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { problemResponses } from '#kernel/http/problem-json.ts';
import { describeRefusal } from '#kernel/files/refusals.ts';
import type { App } from '#kernel/module.ts';
import { notifyPermissions } from './permissions.ts';
import { IdParams } from './schemas.ts';
import { NotificationBody, NotificationCreated } from './schemas.api.ts';
import { notificationStatus } from './service.messages.ts';
import { submitNotification, type SendFailure, type SubmitResult } from './service.send.ts';
import type { Delivery } from './tables.ts';

/** A refused send as the kernel answers it: each bad value under its field, any other reason as the message. */
function problemOf(request: FastifyRequest, failure: SendFailure): HttpProblem {
  const t = request.t;
  const type = `notify/${failure.reason}`;
  if (failure.reason !== 'invalid-values') return new HttpProblem(422, `notify:api.errors.${failure.reason}`, { purpose: (request.body as { purpose?: string } | undefined)?.purpose }, { type });
  const fields: Record<string, string> = {};
  for (const problem of failure.problems) {
    fields[`values.${problem.name}`] = t(`notify:api.errors.value.${problem.problem}`, { name: problem.name, type: t(`notify:templates.types.${problem.type}`) });
  }
  return new HttpProblem(422, null, {}, { fields, type });
}

/** An attachment the file store refused: 413, 415 or 422 with the store's reason, naming the file. */
function refusedAttachment(request: FastifyRequest, failure: Extract<SubmitResult, { reason: 'attachment-refused' }>): HttpProblem {
  const refusal = describeRefusal(failure.refusal, request.lang);
  return new HttpProblem(refusal.status, 'notify:api.errors.attachment', { filename: failure.filename, problem: request.t(refusal.key, refusal.values) }, { type: 'notify/attachment-refused' });
}

const deliveriesOut = (deliveries: Delivery[]) => deliveries.map((delivery) => ({ channel: delivery.channel, status: delivery.status, updatedAt: delivery.updated_at.toISOString() }));

const problems = problemResponses(400, 401, 403, 404, 413, 415, 422);

/** For trusted internal systems with a bearer token holding the `notify.send` scope. */
export async function apiRoutes(app: App, ctx: KernelContext): Promise<void> {
  // Who is asking is settled before what they sent is validated: a stranger learns nothing from our 400s.
  const authorised = async (request: FastifyRequest) => ctx.permissions.require(request.actor, notifyPermissions.send);

  app.post(
    '/api/v1/notifications',
    { schema: { body: NotificationBody, response: { 200: NotificationCreated, 201: NotificationCreated, ...problems } }, config: { csrf: false }, preValidation: authorised },
    async (request, reply) => {
      const { recipient, attachments, ...body } = request.body;
      const result = await submitNotification(ctx, request.actor, {
        ...body,
        recipient: recipient.userId ? { userId: recipient.userId } : { name: recipient.name ?? '', language: recipient.language ?? 'de', email: recipient.email, postalAddress: recipient.postalAddress },
        attachments: attachments?.map((file) => ({ filename: file.filename, contentType: file.contentType, content: Buffer.from(file.contentBase64, 'base64') })),
      });
      if (!result.ok && result.reason === 'attachment-refused') throw refusedAttachment(request, result);
      if (!result.ok) throw problemOf(request, result);
      const status = await notificationStatus(ctx, request.actor, result.messageId);
      return reply.status(result.duplicate ? 200 : 201).send({ id: result.messageId, reference: result.reference, purpose: body.purpose, duplicate: result.duplicate, deliveries: deliveriesOut(status?.deliveries ?? []) });
    },
  );

  app.get(
    '/api/v1/notifications/:id',
    { schema: { params: IdParams, response: { 200: NotificationCreated, ...problems } }, preValidation: authorised },
    async (request, reply) => {
      const status = await notificationStatus(ctx, request.actor, request.params.id);
      if (!status) return reply.callNotFound();
      return reply.send({ id: status.message.id, reference: status.message.reference, purpose: status.message.purpose, duplicate: false, deliveries: deliveriesOut(status.deliveries) });
    },
  );
}
