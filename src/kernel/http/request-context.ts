import type { Actor, Language } from '../auth/actor.ts';
import type { PageContext } from '../html/page.ts';
import type { PageOptions } from '../html/layout.tsx';
import type { ComponentChildren } from 'preact';
import type { TFunction } from 'i18next';
import type { FastifySchema } from 'fastify';
import type { ErrorFormats } from './error-formats.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    lang: Language;
    t: TFunction;
    /** Hash of the session cookie's token, or null for a visitor without a session. */
    sessionHash: string | null;
    sessionData: Record<string, unknown>;
    page: PageContext;
  }
  interface FastifyInstance {
    /** Every route the platform registered: method, URL pattern and the schema it validates input with. */
    routeTable: readonly { method: string; url: string; schema?: FastifySchema }[];
    /** How refusals look under each prefix; see `registerErrorFormat`. */
    errorFormats: ErrorFormats;
  }
  interface FastifyReply {
    /** Renders a page in the site layout and sends it. */
    html(options: PageOptions, body: ComponentChildren): FastifyReply;
  }
  interface FastifyContextConfig {
    /** Set false on routes for machines that authenticate by token, not by cookie. */
    csrf?: boolean;
  }
}

export {};
