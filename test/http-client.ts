import { randomBytes } from 'node:crypto';
import type { App } from '#kernel/module.ts';

export interface Response {
  status: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  location: string | undefined;
}

let clients = 0;
function nextAddress(): string {
  clients += 1;
  return `192.0.${2 + Math.floor(clients / 250)}.${(clients % 250) + 1}`;
}

/**
 * Talks to the app through `inject` the way a browser without JavaScript would: it keeps cookies, reads
 * the CSRF token from the last page it fetched, and posts forms url-encoded.
 */
export class FormClient {
  readonly cookies = new Map<string, string>();
  lastPage = '';

  /**
   * Each client comes from its own address, as separate people do, so rate limits count them apart; a test
   * of one person reaching two servers hands the same address to both clients.
   */
  constructor(
    private readonly app: App,
    readonly remoteAddress = nextAddress(),
  ) {}

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await this.app.inject({ method: 'GET', url, remoteAddress: this.remoteAddress, headers: { ...headers, cookie: this.cookieHeader() } });
    return this.remember(response);
  }

  /** Posts a form with the CSRF token of the last page fetched (unless the test overrides `_csrf`). */
  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams({ _csrf: this.csrfToken(), ...form }).toString();
    const response = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.remoteAddress,
      payload: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers, cookie: this.cookieHeader() },
    });
    return this.remember(response);
  }

  /**
   * Posts a form as multipart form data, the way a browser sends a form with a file field; a field of
   * several values (ticked boxes) is sent once per value.
   */
  async postMultipart(url: string, fields: Record<string, string | readonly string[]>, files: Record<string, { name: string; type: string; content: Buffer }> = {}): Promise<Response> {
    const boundary = `----erkelenz${randomBytes(8).toString('hex')}`;
    const part = (name: string, value: string) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    const parts = Object.entries({ _csrf: this.csrfToken(), ...fields }).flatMap(([name, value]) => (typeof value === 'string' ? [value] : value).map((one) => part(name, one)));
    const fileParts = Object.entries(files).flatMap(([name, file]) => [
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      file.content,
      Buffer.from('\r\n'),
    ]);
    const payload = Buffer.concat([...parts, ...fileParts, Buffer.from(`--${boundary}--\r\n`)]);
    const response = await this.app.inject({ method: 'POST', url, payload, remoteAddress: this.remoteAddress, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: this.cookieHeader() } });
    return this.remember(response);
  }

  /** Follows a redirect chain of GETs, as a browser does after a POST. */
  async follow(response: Response): Promise<Response> {
    let current = response;
    for (let hops = 0; current.location && hops < 5; hops += 1) current = await this.get(current.location);
    return current;
  }

  csrfToken(): string {
    return /name="_csrf" value="([^"]+)"/.exec(this.lastPage)?.[1] ?? '';
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: Awaited<ReturnType<App['inject']>>): Response {
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const expired = cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.maxAge === 0;
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    if (response.headers['content-type']?.toString().startsWith('text/html')) this.lastPage = response.body;
    const location = response.headers.location;
    return { status: response.statusCode, body: response.body, headers: response.headers, location: typeof location === 'string' ? location : undefined };
  }
}
