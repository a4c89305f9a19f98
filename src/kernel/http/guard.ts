import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { isSignedIn } from '../auth/actor.ts';
import { AccessDenied } from '../auth/permissions.ts';
import type { KernelContext } from '../context.ts';
import { answersWithPage } from './errors.tsx';

/*
 * The one place that keeps visitors and the wrong people out of a group of routes. The guards run as
 * onRequest hooks, before the body is read: someone who may not post a form (or a 20 MB upload) is turned
 * away before the platform parses, buffers or even receives it. A scope adds one with
 * `app.addHook('onRequest', signedInOnly)` or `app.addHook('onRequest', staffOnly(ctx, permission))`;
 * services check their permission again, so a route outside a guarded scope is still safe.
 */

/**
 * A visitor asking for a page is sent to the sign-in and brought back afterwards; anything else (a form
 * post, an API call) is answered 401, since a redirect would silently drop what was sent.
 */
function turnAwayVisitor(request: FastifyRequest, reply: FastifyReply, permission: string) {
  const page = (request.method === 'GET' || request.method === 'HEAD') && answersWithPage(request.server.errorFormats, request);
  if (!page) throw new AccessDenied(request.actor, permission);
  const path = request.url.split('?')[0] ?? '/';
  return reply.redirect(`/anmelden?notice=session-ended&next=${encodeURIComponent(path)}`, 303);
}

/** Routes for a signed-in person, citizen or staff ("Mein Konto"). */
export const signedInOnly: onRequestAsyncHookHandler = async (request, reply) => {
  if (!isSignedIn(request.actor)) return turnAwayVisitor(request, reply, 'signed-in');
};

/**
 * Routes for staff (the back office), optionally only for those who hold a permission. A staff actor
 * exists only once the session has passed the second factor: the accounts module resolves a session of a
 * staff member without a confirmed second factor to no one, and establishes the staff session only after
 * the code was checked. Anyone else signed in gets 403.
 */
export function staffOnly(ctx: Pick<KernelContext, 'permissions'>, permission?: string): onRequestAsyncHookHandler {
  // A misspelt permission fails at start, not at the first request.
  if (permission && !ctx.permissions.known(permission)) throw new Error(`Unknown permission ${permission}`);
  return async (request, reply) => {
    const actor = request.actor;
    if (actor.kind === 'anonymous') return turnAwayVisitor(request, reply, permission ?? 'staff');
    // The door asks only whether the person may do this somewhere; a role bound to one office gets in, and
    // the service behind it asks again for the office the request is about.
    if (actor.kind !== 'staff' || (permission && !ctx.permissions.can(actor, permission, 'anywhere'))) throw new AccessDenied(actor, permission ?? 'staff');
  };
}
