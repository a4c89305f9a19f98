import { hash, verify } from '@node-rs/argon2';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

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

/** What is known about the person choosing a password, whose parts an attacker would try first. */
export interface PasswordContext {
  email: string | null;
  name?: string | null;
  cityName: string;
  now?: Date;
}

/*
 * zxcvbn's top score: ten billion guesses, far beyond online guessing and slow work offline against argon2id.
 * Common passwords (49,000 from leaked lists, German ones among them), dictionary words, names, keyboard
 * rows and years all count as the few guesses they are.
 */
const enoughGuesses = 1e10;

let estimator: Promise<ZxcvbnFactory> | undefined;

/**
 * Built at first use: ranking the dictionaries takes about a second, which every start of the server would
 * otherwise pay. Only the first 40 characters are weighed and leet substitutions are bounded, because the
 * estimate's cost grows steeply with both and a form must not become a way to keep the server busy.
 */
function strengthEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, german, english] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-de'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...german.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      maxLength: 40,
      l33tMaxSubstitutions: 8,
    });
  })();
  return estimator;
}

/** The words an attacker who knows whose account it is tries first: city, name, address, this year. */
export function contextWords(context: PasswordContext): string[] {
  const year = (context.now ?? new Date()).getFullYear();
  const local = context.email?.split('@')[0] ?? '';
  const words = [context.cityName, context.name ?? '', context.email ?? '', String(year - 1), String(year), String(year + 1)]
    .flatMap((text) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .concat(local.toLowerCase());
  return [...new Set(words.filter((word) => word.length >= 3))].sort((a, b) => b.length - a.length);
}

const leet: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** True when little more than context words is left once they, digits and punctuation are taken away. */
function builtFromContext(password: string, words: readonly string[]): boolean {
  const strip = (text: string) => words.reduce((rest, word) => rest.replaceAll(word, ' '), text);
  // Years go before leet is undone, or 2026 would turn into letters; "3rk3l3nz" after.
  const rest = strip(strip(password.toLowerCase()).replace(/[0-9@$]/g, (char) => leet[char] ?? char));
  return rest.replace(/[^\p{L}]/gu, '').length < 4;
}

/** Why a new password is refused, as an i18n key, or null when it is acceptable. */
export async function passwordProblem(password: string, context: PasswordContext): Promise<string | null> {
  if (password.length < passwordMinLength) return 'accounts:errors.passwordTooShort';
  if (password.length > passwordMaxLength) return 'accounts:errors.passwordTooLong';
  const local = context.email?.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 3 && password.toLowerCase().includes(local)) return 'accounts:errors.passwordContainsEmail';
  if (/^(.)\1+$/.test(password)) return 'accounts:errors.passwordTrivial';
  const words = contextWords(context);
  if (builtFromContext(password, words)) return 'accounts:errors.passwordContext';
  const estimate = await (await strengthEstimator()).checkAsync(password, words);
  if (estimate.guesses >= enoughGuesses) return null;
  const parts = new Set(estimate.sequence.map((match) => (match.pattern === 'dictionary' ? String(match.dictionaryName) : match.pattern)));
  if (parts.has('userInputs')) return 'accounts:errors.passwordContext';
  if (parts.has('passwords-common')) return 'accounts:errors.passwordCommon';
  if (['spatial', 'sequence', 'repeat', 'date'].some((pattern) => parts.has(pattern))) return 'accounts:errors.passwordPattern';
  return 'accounts:errors.passwordGuessable';
}
