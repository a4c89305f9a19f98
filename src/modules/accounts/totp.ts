import { generateSecret, generateURI, verify } from 'otplib';

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
