import * as client from 'openid-client';
import type { Config } from '#kernel/config.ts';
import { settingsOf, type SettingValues } from '#kernel/settings.ts';
import type { KernelContext } from '#kernel/context.ts';
import { recordAudit } from '#kernel/audit.ts';
import { systemActor, type Language } from '#kernel/auth/actor.ts';
import { normaliseEmail } from '#kernel/text.ts';
import { accountRegistered } from './events.ts';
import { accountsDb, confirmEmailOnce, deleteTokensOf, findIdentity, findUserByEmail, insertUser, linkIdentity, updateUser } from './repo.ts';
import { accountsSettings } from './settings.ts';

export interface OidcChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface OidcClaims {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** The level of assurance the provider vouched for at this login (its `acr`), when it names one we know. */
  assurance: IdentityAssurance | null;
}

/** The eIDAS levels of assurance (Regulation (EU) 910/2014, Art. 8) an identity provider vouches for. */
export type IdentityAssurance = 'low' | 'substantial' | 'high';

/*
 * The `acr` values that name a level: eIDAS's own, and the STORK QAA levels German brokers (BundID) send,
 * where level 3 (a software certificate such as ELSTER) is substantial and level 4 (the online ID) high.
 */
const acrLevels: Record<string, IdentityAssurance> = {
  'http://eidas.europa.eu/LoA/low': 'low',
  'http://eidas.europa.eu/LoA/substantial': 'substantial',
  'http://eidas.europa.eu/LoA/high': 'high',
  'STORK-QAA-Level-1': 'low',
  'STORK-QAA-Level-2': 'low',
  'STORK-QAA-Level-3': 'substantial',
  'STORK-QAA-Level-4': 'high',
};

const levels: readonly IdentityAssurance[] = ['low', 'substantial', 'high'];
const sessionKey = 'identityAssurance';

/** What a session keeps of a sign-in through a provider: the level it vouched for. */
export function signedInWith(assurance: IdentityAssurance): Record<string, unknown> {
  return { [sessionKey]: assurance };
}

/**
 * The level of assurance of the sign-in a session came from: what the identity provider vouched for, null
 * after a sign-in by password or through a provider that named no level.
 */
export function sessionAssurance(sessionData: Readonly<Record<string, unknown>> | null | undefined): IdentityAssurance | null {
  const kept = sessionData?.[sessionKey];
  return levels.find((level) => level === kept) ?? null;
}

/** The level an `acr` claim names; null for none, or for a value of the provider's own we cannot rank. */
export function assuranceOf(acr: unknown): IdentityAssurance | null {
  return typeof acr === 'string' && Object.hasOwn(acrLevels, acr) ? acrLevels[acr]! : null;
}

/**
 * Login through an external OpenID Connect provider (a BundID broker or any IdP): authorisation code flow
 * with PKCE, state and nonce. The provider's metadata is discovered once, at first use.
 */
export class OidcLogin {
  #configuration: Promise<client.Configuration> | undefined;
  readonly redirectUri: string;
  readonly #settings: SettingValues<typeof accountsSettings.variables>;

  constructor(config: Config) {
    this.redirectUri = `${config.PUBLIC_URL}/anmelden/oidc/rueckkehr`;
    this.#settings = settingsOf(config, accountsSettings);
  }

  /** The name of the external login on the login page. */
  get label(): string {
    return this.#settings.OIDC_LABEL;
  }

  get enabled(): boolean {
    return Boolean(this.#settings.OIDC_ISSUER);
  }

  async start(): Promise<{ url: string; checks: OidcChecks }> {
    const configuration = await this.#discover();
    const checks = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, checks };
  }

  /** Exchanges the code for tokens and reads the identity; throws when any check fails. */
  async finish(callbackUrl: URL, checks: OidcChecks): Promise<OidcClaims> {
    const configuration = await this.#discover();
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('The provider returned no ID token');
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof claims.email === 'string' ? claims.email : null,
      emailVerified: claims.email_verified === true,
      name: typeof claims.name === 'string' ? claims.name : null,
      assurance: assuranceOf(claims.acr),
    };
  }

  #discover(): Promise<client.Configuration> {
    this.#configuration ??= (async () => {
      const issuer = new URL(this.#settings.OIDC_ISSUER!);
      // Plain http only reaches a provider on this machine (tests, a local broker); production uses https.
      const options = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined;
      return client.discovery(issuer, this.#settings.OIDC_CLIENT_ID, this.#settings.OIDC_CLIENT_SECRET || undefined, undefined, options);
    })().catch((error: unknown) => {
      this.#configuration = undefined;
      throw error;
    });
    return this.#configuration;
  }
}

/**
 * Finds or creates the citizen account for an external identity. An existing account is linked only when
 * the provider vouches for the e-mail address; otherwise a new account is made, so nobody can take over
 * an account by claiming its address at a lax provider. An existing registration that was never confirmed
 * may be anyone's: the provider's word makes the address's owner its owner, and whatever its registrant
 * set (password, pending links, sessions, name) goes.
 */
export async function accountForIdentity(ctx: KernelContext, claims: OidcClaims): Promise<string> {
  return ctx.db.transaction().execute(async (trx) => {
    const db = accountsDb(trx);
    const known = await findIdentity(db, claims.issuer, claims.subject);
    if (known) return known.user_id;
    const email = claims.emailVerified ? normaliseEmail(claims.email) : null;
    const existing = email ? await findUserByEmail(db, email) : undefined;
    let userId: string;
    let tookOver = false;
    // Set when this sign-in is what gives the person an account: a new one, or a registration taken over.
    let registered: { language: Language } | undefined;
    if (existing && existing.kind === 'citizen') {
      userId = existing.id;
      if (!existing.email_verified_at) {
        tookOver = true;
        await updateUser(db, userId, { password_hash: null, display_name: claims.name ?? email ?? claims.subject });
        registered = await confirmEmailOnce(db, userId);
        await deleteTokensOf(db, userId);
        await ctx.sessions.store.destroyAllFor(userId, {}, trx);
      }
    } else {
      const user = await insertUser(db, {
        kind: 'citizen',
        email: existing ? null : email,
        email_verified_at: email && !existing ? new Date() : null,
        display_name: claims.name ?? email ?? claims.subject,
      });
      userId = user.id;
      registered = user;
    }
    await linkIdentity(db, { issuer: claims.issuer, subject: claims.subject, userId });
    if (registered) await ctx.events.publish(trx, accountRegistered, { userId, how: 'oidc', language: registered.language });
    const meta = { issuer: claims.issuer, ...(tookOver ? { unconfirmedRegistrationReplaced: true } : {}) };
    await recordAudit(trx, { actor: systemActor('oidc') }, { action: 'accounts.identity-linked', subjectType: 'user', subjectId: userId, dataSubjectId: userId, meta });
    return userId;
  });
}
