import crypto from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { hashToken } from '#kernel/auth/sessions.ts';

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, issuer: string, account: string): string {
  return generateURI({ issuer, label: account, secret });
}

/**
 * Checks a six-digit code, allowing one step of clock drift either way. A code's time step must be later
 * than the last one accepted, so an observed code cannot be replayed within its window.
 */
export async function checkTotp(secret: string, code: string, lastStep: number | null): Promise<{ ok: true; step: number } | { ok: false }> {
  if (!/^\d{6}$/.test(code)) return { ok: false };
  const result = await verify({ secret, token: code, epochTolerance: 30, ...(lastStep === null ? {} : { afterTimeStep: lastStep }) }).catch(() => null);
  if (!result?.valid) return { ok: false };
  return { ok: true, step: 'timeStep' in result ? result.timeStep : 0 };
}

export const recoveryCodeCount = 10;
const recoveryCodeDigits = 16;

/**
 * One-time codes for a lost authenticator: sixteen digits (53 bits) in groups of four. Digits only, so
 * that they go into the same field as the authenticator's code, with the same number keyboard.
 */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () =>
    Array.from({ length: recoveryCodeDigits }, () => crypto.randomInt(10).toString())
      .join('')
      .replace(/(\d{4})(?=\d)/g, '$1-'),
  );
}

/** What is stored of a recovery code, from the code as typed (spaces and dashes do not matter). */
export function recoveryCodeHash(code: string): string {
  return hashToken(code.replace(/[\s-]/g, ''));
}

/** Which proof the typed text can be: the app's code, a recovery code, or neither. */
export function kindOfCode(typed: string): 'totp' | 'recovery-code' | undefined {
  const digits = typed.replace(/[\s-]/g, '');
  if (/^\d{6}$/.test(digits)) return 'totp';
  return new RegExp(`^\\d{${recoveryCodeDigits}}$`).test(digits) ? 'recovery-code' : undefined;
}
