import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../auth/actor.ts';
import type { Config } from '../config.ts';
import { parseLanguage } from '../i18n/i18n.ts';

/*
 * Names and flags of the cookies the kernel sets besides the session (sessions.ts follows the same rule).
 * Over https every cookie is Secure and carries the __Host- prefix, which browsers accept only from this
 * very host, on path /, over https: no neighbouring subdomain can plant or overwrite it.
 */

export function isHttps(config: Pick<Config, 'PUBLIC_URL'>): boolean {
  return config.PUBLIC_URL.startsWith('https:');
}

export function cookieName(config: Pick<Config, 'PUBLIC_URL'>, name: string): string {
  return isHttps(config) ? `__Host-${name}` : name;
}

/** Path, flags and lifetime shared by the kernel's cookies; the caller adds what differs. */
export function cookieOptions(config: Pick<Config, 'PUBLIC_URL'>) {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: isHttps(config) } as const;
}

/** Remembers the language a person chose, for a year; also when they choose it in "Mein Konto". */
export function setLanguageCookie(reply: FastifyReply, config: Pick<Config, 'PUBLIC_URL'>, language: Language): void {
  reply.setCookie(cookieName(config, 'lang'), language, { ...cookieOptions(config), maxAge: 31_536_000 });
}

export function languageFromCookie(request: FastifyRequest, config: Pick<Config, 'PUBLIC_URL'>): Language | undefined {
  return parseLanguage(request.cookies[cookieName(config, 'lang')]);
}
