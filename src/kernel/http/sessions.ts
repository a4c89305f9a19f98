import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Executor } from '../db/database.ts';
import type { KernelTables } from '../db/tables.ts';
import { SessionStore } from '../auth/sessions.ts';

/** Ties the session store to the cookie: the only place that knows the cookie's name and flags. */
export class Sessions {
  readonly cookieName: string;
  readonly #secure: boolean;

  constructor(
    readonly store: SessionStore,
    config: Config,
  ) {
    this.#secure = config.PUBLIC_URL.startsWith('https:');
    // The __Host- prefix pins the cookie to this host and path /, but browsers require Secure for it.
    this.cookieName = this.#secure ? '__Host-session' : 'session';
  }

  /**
   * Starts a fresh session, ending the one the request came with. Called at every login so that a session
   * id known before login (fixation) is worthless after it.
   */
  async establish(
    request: FastifyRequest,
    reply: FastifyReply,
    input: { userId: string | null; data?: Record<string, unknown> },
    trx?: Executor<KernelTables>,
  ): Promise<string> {
    if (request.sessionHash) await this.store.destroy(request.sessionHash, trx);
    const { token, hash } = await this.store.create(
      { ...input, ip: request.ip, userAgent: request.headers['user-agent'] },
      trx,
    );
    reply.setCookie(this.cookieName, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.#secure,
    });
    request.sessionHash = hash;
    request.sessionData = input.data ?? {};
    return hash;
  }

  async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (request.sessionHash) await this.store.destroy(request.sessionHash);
    request.sessionHash = null;
    reply.clearCookie(this.cookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.#secure });
  }

  async saveData(request: FastifyRequest, data: Record<string, unknown>): Promise<void> {
    if (!request.sessionHash) throw new Error('No session to save data in');
    request.sessionData = data;
    await this.store.setData(request.sessionHash, data);
  }
}
