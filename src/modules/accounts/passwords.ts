import { hash, verify } from '@node-rs/argon2';

export const passwordMinLength = 12;
export const passwordMaxLength = 128;

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
// `algorithm: 2` is Argon2id; the package exports it as an ambient const enum, which isolated modules cannot read.
const options = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Without a hash, verify against a fixed one anyway: the answer takes as long for unknown addresses.
  const target = passwordHash ?? dummyHash;
  const matches = await verify(target, password).catch(() => false);
  return passwordHash !== null && matches;
}

const dummyHash = await hashPassword('no account has this password, it only costs time');

/** Why a new password is refused, as an i18n key, or null when it is acceptable. */
export function passwordProblem(password: string, email: string | null): string | null {
  if (password.length < passwordMinLength) return 'accounts:errors.passwordTooShort';
  if (password.length > passwordMaxLength) return 'accounts:errors.passwordTooLong';
  if (email && password.toLowerCase().includes(email.split('@')[0]!.toLowerCase())) return 'accounts:errors.passwordContainsEmail';
  if (/^(.)\1+$/.test(password)) return 'accounts:errors.passwordTrivial';
  return null;
}
