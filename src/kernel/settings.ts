/*
 * Settings read from the environment, declared where they are used: the kernel's in `config.ts`, each
 * module's in its own `settings.ts`, listed in its manifest. `loadConfig` validates all of them at once, and
 * the README's configuration tables are checked against the same declarations (`settings-table.ts`).
 */

export interface Setting<T> {
  description: string;
  default: string | Derived;
  parse: (raw: string) => T;
  /** Settings that hold secrets are never echoed back in error messages. */
  secret?: boolean;
}

/** A default computed from the settings declared before it; `text` is how the README shows it. */
export interface Derived {
  text: string;
  from: (earlier: Record<string, unknown>) => string;
}

export type Variables = Record<string, Setting<unknown>>;
export type SettingValues<V extends Variables> = { [K in keyof V]: ReturnType<V[K]['parse']> };

/** What the kernel or one module reads from the environment. */
export interface SettingsDeclaration<V extends Variables = Variables> {
  variables: V;
  /**
   * Problems that only a combination of values shows (a client id missing for an issuer), each a sentence
   * that names the variables. A variable whose value was refused is missing from `values`.
   */
  check?(values: Partial<SettingValues<V>>): string[];
}

export function defineSettings<V extends Variables>(variables: V, check?: (values: Partial<SettingValues<V>>) => string[]): SettingsDeclaration<V> {
  return { variables, check };
}

/** Thrown by a parser for a value it refuses; the message completes "NAME …". */
export class ConfigError extends Error {}

export const text = (raw: string) => raw;
export const integer = (min: number, max: number) => (raw: string) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`must be a whole number between ${min} and ${max}`);
  }
  return value;
};
export const oneOf = <T extends string>(...allowed: T[]) => (raw: string): T => {
  if (!(allowed as string[]).includes(raw)) throw new ConfigError(`must be one of ${allowed.join(', ')}`);
  return raw as T;
};
export const url = (...protocols: string[]) => (raw: string) => {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError('must be an absolute URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw.replace(/\/$/, '');
};
export const secret = (minLength: number) => (raw: string) => {
  if (raw.length < minLength) throw new ConfigError(`must be at least ${minLength} characters long`);
  return raw;
};
export const optional = <T>(parse: (raw: string) => T) => (raw: string): T | undefined => (raw === '' ? undefined : parse(raw));

/** Parses one declaration's variables into `values`, adding a sentence to `problems` for each bad one. */
export function parseDeclaration(declaration: SettingsDeclaration, env: Record<string, string | undefined>, values: Record<string, unknown>, problems: string[]): void {
  for (const [name, setting] of Object.entries(declaration.variables)) {
    // A derived default also stands in for a variable set to nothing, as container files often leave it.
    const raw = typeof setting.default === 'string' ? (env[name] ?? setting.default) : env[name]?.trim() || setting.default.from(values);
    try {
      values[name] = setting.parse(raw.trim());
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const shown = setting.secret ? '' : ` (got "${raw}")`;
      problems.push(`${name} ${error.message}${shown}`);
    }
  }
  if (declaration.check) problems.push(...declaration.check(values));
}

/** Where a configuration keeps what the modules declared, and the environment it was read from. */
export const moduleSettingValues = Symbol('module settings');
export const settingsSource = Symbol('settings source');

export interface ModuleSettingsCarrier {
  /** Values of module settings by variable name, for `settingsOf`. */
  readonly [moduleSettingValues]: Readonly<Record<string, unknown>>;
  /** The environment the configuration was read from, so modules added later are read from the same one. */
  readonly [settingsSource]: Readonly<Record<string, string | undefined>>;
}

/**
 * A module's own settings, typed by its declaration: `settingsOf(ctx, notifySettings).NOTIFY_RETENTION_DAYS`.
 * Takes the context or the configuration itself (retention rules receive only the latter).
 */
export function settingsOf<V extends Variables>(source: { config: ModuleSettingsCarrier } | ModuleSettingsCarrier, declaration: SettingsDeclaration<V>): SettingValues<V> {
  const carrier = 'config' in source ? source.config : source;
  const values = carrier[moduleSettingValues];
  const missing = Object.keys(declaration.variables).filter((name) => !(name in values));
  if (missing.length > 0) throw new Error(`Settings ${missing.join(', ')} were not loaded: is their module listed where the platform starts?`);
  return Object.fromEntries(Object.keys(declaration.variables).map((name) => [name, values[name]])) as SettingValues<V>;
}

/** The part of a manifest that declares settings; the kernel's declaration goes by the id `kernel`. */
export interface SettingsOwner {
  id: string;
  settings?: SettingsDeclaration;
}

/** A variable two declarations share is a mistake in the code, not in the environment: the start stops at once. */
export function assertDeclaredOnce(owners: readonly SettingsOwner[]): void {
  const declaredBy = new Map<string, string>();
  for (const owner of owners) {
    for (const name of Object.keys(owner.settings?.variables ?? {})) {
      const other = declaredBy.get(name);
      if (other !== undefined) throw new Error(`Setting ${name} is declared by both ${other} and ${owner.id}`);
      declaredBy.set(name, owner.id);
    }
  }
}

/**
 * Reads the settings of `owners` from `env` on top of `known` (the values read so far, by variable name,
 * which derived defaults may use), adding a sentence to `problems` for each bad value.
 */
export function readSettings(owners: readonly SettingsOwner[], env: Record<string, string | undefined>, known: Readonly<Record<string, unknown>>, problems: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = { ...known };
  for (const owner of owners) if (owner.settings) parseDeclaration(owner.settings, env, values, problems);
  return values;
}

/** Every bad value in one error, each with its reason, so an operator fixes them in one go. */
export function configurationProblems(problems: readonly string[]): Error {
  return new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
}
