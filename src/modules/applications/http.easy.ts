import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KernelContext } from '#kernel/context.ts';
import { cookieName, cookieOptions } from '#kernel/http/cookies.ts';
import { hasEasyTexts } from './definition/texts.ts';
import type { FormDefinition } from './definition/schema.ts';

/*
 * Leichte Sprache in the application flow. A person chooses it with a link on the form's pages
 * (`?leicht=1`, back with `?leicht=0`); the choice is kept in a cookie, as the kernel keeps the language,
 * so every later page of the same draft (and the redirects between them) shows it without carrying it in
 * each address. Without a choice, a signed-in citizen gets what their account asks for.
 */

/** The query parameter of the switch: `1` for Leichte Sprache, `0` for everyday German. */
export const easyParam = 'leicht';

export interface EasyChoice {
  /** The form's texts are shown in Leichte Sprache (German where a text has no easy version). */
  on: boolean;
  /** Where the switch leads (this page, the other way round); null when the form is not written in Leichte Sprache. */
  switchHref: string | null;
}

const yearInSeconds = 31_536_000;

function chosenNow(request: FastifyRequest): boolean | undefined {
  // Read from the address itself, as the kernel reads `lang`, so every route of the flow takes it alike.
  const value = new URLSearchParams(request.url.split('?')[1] ?? '').get(easyParam);
  return value === '1' ? true : value === '0' ? false : undefined;
}

function chosenBefore(ctx: KernelContext, request: FastifyRequest): boolean | undefined {
  const kept = request.cookies[cookieName(ctx.config, 'easy-language')];
  if (kept === '1' || kept === '0') return kept === '1';
  return request.actor.kind === 'citizen' ? request.actor.simplifiedLanguage : undefined;
}

/** Reads (and, when made on this request, keeps) the person's choice for a page of `definition`. */
export function easyChoice(ctx: KernelContext, request: FastifyRequest, reply: FastifyReply, definition: FormDefinition): EasyChoice {
  const now = chosenNow(request);
  if (now !== undefined) reply.setCookie(cookieName(ctx.config, 'easy-language'), now ? '1' : '0', { ...cookieOptions(ctx.config), maxAge: yearInSeconds });
  if (!hasEasyTexts(definition)) return { on: false, switchHref: null };
  const wanted = now ?? chosenBefore(ctx, request) ?? false;
  // Leichte Sprache is German: a person reading in English keeps English, and the switch brings them to German.
  const on = wanted && request.page.lang === 'de';
  const params = new URLSearchParams(request.page.query);
  params.delete(easyParam);
  params.delete('lang');
  if (!on && request.page.lang !== 'de') params.set('lang', 'de');
  params.set(easyParam, on ? '0' : '1');
  return { on, switchHref: `${request.page.path}?${params.toString()}` };
}
