import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestIdentity {
  email?: string;
  email_verified?: boolean;
  name?: string;
  /** The Authentication Context Class Reference the provider vouches for at login (`http://eidas.europa.eu/LoA/substantial`). */
  acr?: string;
}

export interface OidcPeer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  identities: Map<string, TestIdentity>;
  close(): Promise<void>;
}

/** The levels the test provider may name: eIDAS's, the STORK QAA levels, and one of a provider's own. */
const acrValues = ['http://eidas.europa.eu/LoA/low', 'http://eidas.europa.eu/LoA/substantial', 'http://eidas.europa.eu/LoA/high', 'STORK-QAA-Level-3', 'STORK-QAA-Level-4', 'urn:example:gold'];

/**
 * A real OpenID Connect provider (panva's oidc-provider, the certified implementation) on a loopback
 * port, with its development login form: any login name is accepted and becomes the subject.
 */
export async function startOidcProvider(redirectUri: string): Promise<OidcPeer> {
  const identities = new Map<string, TestIdentity>();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'erkelenz-platform';
  const clientSecret = 'a-client-secret-for-the-test-provider';
  const provider = new Provider(issuer, {
    // As brokers do, the provider names the level of every login in the ID token (`acr`) without being asked:
    // the client's registration lists the levels, so the provider includes the claim.
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'], default_acr_values: acrValues }],
    acrValues,
    claims: { acr: null, openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      // The level of assurance is the login's, not a claim of the account's (below).
      claims: () => ({ sub, ...identities.get(sub), acr: undefined }),
    }),
    // The ID token carries the claims, so the platform needs no userinfo round trip.
    conformIdTokenClaims: false,
    cookies: { keys: ['test-cookie-key-for-the-provider'] },
    // Explicit lifetimes keep the provider from warning about its defaults on every login.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  // The development login form asks only for a name; the level of assurance comes with the test's identity.
  const finishLogin = provider.interactionResult.bind(provider);
  provider.interactionResult = (req, res, result, options) => {
    const acr = result.login ? identities.get(result.login.accountId)?.acr : undefined;
    return finishLogin(req, res, acr && result.login ? { ...result, login: { ...result.login, acr } } : result, options);
  };
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    identities,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Walks the provider's pages as a browser would (login form, consent form), keeping the provider's
 * cookies, until the provider redirects back to the platform; returns that callback address.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, callbackPrefix: string): Promise<string> {
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 12; step += 1) {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      body,
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const [name = '', value = ''] = pair.split('=');
      cookies.set(name.trim(), value);
    }
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (next.startsWith(callbackPrefix)) return next;
      url = next;
      body = undefined;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`Provider page without a form (status ${response.status}): ${html.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    url = new URL(action, url).href;
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt: prompt ?? 'consent' });
  }
  throw new Error('The provider did not redirect back to the platform');
}
