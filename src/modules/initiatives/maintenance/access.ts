import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import { formMessages, type FormDef, type FormErrors, type Raw } from '#kernel/forms/index.ts';
import { cookieName, cookieOptions } from '#kernel/http/cookies.ts';
import { HttpProblem } from '#kernel/http/problem.ts';
import { accessOf, type Access, type Acting } from './service.ts';
import type { Shown } from './views.tsx';

/*
 * How a browser reaches an entry. A mailed link's key is exchanged, on a button's POST, for a signed
 * HttpOnly cookie scoped to that entry for the link's lifetime (as the booking pages hand a browser its
 * booking's secret); an account bound to an active maintainer reaches the same pages without a link.
 * Anyone else gets 404, which says nothing about whether the entry exists.
 */

export const IdParams = Type.Object({ initiativeId: Type.String({ format: 'uuid' }) });
export const ButtonBody = Type.Object({ _csrf: Type.Optional(Type.String()) });

export const entryPath = (initiativeId: string) => `/initiativen/pflegen/${initiativeId}`;
const grantCookie = (ctx: KernelContext, initiativeId: string) => cookieName(ctx.config, `initiative-${initiativeId}`);

export const actingOf = (request: FastifyRequest): Acting => ({ actor: request.actor, requestId: request.id });

/** Hands the browser the grant a valid link key stands for, until the key would expire. */
export function grantAccess(ctx: KernelContext, reply: FastifyReply, opened: { initiativeId: string; maintainerId: string; expiresAt: Date }): void {
  reply.setCookie(grantCookie(ctx, opened.initiativeId), `${opened.maintainerId}.${opened.expiresAt.getTime()}`, { ...cookieOptions(ctx.config), signed: true, expires: opened.expiresAt });
}

/** The maintainer a request stands for on this entry, or 404. */
export async function requireAccess(ctx: KernelContext, request: FastifyRequest, initiativeId: string): Promise<Access> {
  const signed = request.cookies[grantCookie(ctx, initiativeId)];
  const unsigned = signed ? request.unsignCookie(signed) : undefined;
  let granted: string | undefined;
  if (unsigned?.valid && unsigned.value) {
    const [maintainerId, expires] = unsigned.value.split('.');
    // The expiry travels inside the signed value: a copied cookie stops working when the link would have.
    if (maintainerId && Number(expires) > Date.now()) granted = maintainerId;
  }
  const access = await accessOf(ctx, request.actor, initiativeId, granted);
  if (!access) throw new HttpProblem(404, 'initiatives:maintenance.errors.notFound');
  return access;
}

export function shownOf(request: FastifyRequest, form: FormDef, read: { raw: Raw; errors?: FormErrors | undefined }): Shown {
  return { raw: read.raw, errors: read.errors ? formMessages(request.page, read.errors, form) : {} };
}
