import type { KernelContext } from './context.ts';
import type { App, ModuleManifest } from './module.ts';

/*
 * A large module (the initiatives hub, learning) is built from areas, each handing the manifest what it adds
 * as one part; the module's `manifest.ts` joins the parts, so each area's routes, jobs, texts and privacy
 * rules are wired where the area lives.
 */
export interface ModulePart extends Pick<ModuleManifest, 'jobs' | 'on' | 'events' | 'staffLinks' | 'accountLinks' | 'retention'> {
  routes?: (app: App, ctx: KernelContext) => Promise<void>;
  /** The area's texts, merged into the module's namespace. */
  locales: { de: Record<string, unknown>; en: Record<string, unknown> };
  /** What the area keeps about a person with an account, under its own key of the data download. */
  personalData?: NonNullable<ModuleManifest['personalData']>;
}

/** Joins the parts' lists and texts; a text key defined by two parts is a mistake and throws at start. */
export function joinParts(moduleId: string, parts: readonly ModulePart[]): Required<Pick<ModuleManifest, 'jobs' | 'on' | 'events' | 'staffLinks' | 'accountLinks' | 'retention'>> & {
  routes: (app: App, ctx: KernelContext) => Promise<void>;
  locales: { de: Record<string, unknown>; en: Record<string, unknown> };
  personalData: NonNullable<ModuleManifest['personalData']>;
} {
  const merge = (language: 'de' | 'en') => {
    const joined: Record<string, unknown> = {};
    for (const part of parts) {
      for (const [key, value] of Object.entries(part.locales[language])) {
        if (key in joined) throw new Error(`${moduleId}: the text key "${key}" is defined by two parts`);
        joined[key] = value;
      }
    }
    return joined;
  };
  const sources = parts.flatMap((part) => (part.personalData ? [part.personalData] : []));
  return {
    jobs: parts.flatMap((part) => part.jobs ?? []),
    on: parts.flatMap((part) => part.on ?? []),
    events: parts.flatMap((part) => part.events ?? []),
    staffLinks: parts.flatMap((part) => part.staffLinks ?? []),
    accountLinks: parts.flatMap((part) => part.accountLinks ?? []),
    retention: parts.flatMap((part) => part.retention ?? []),
    locales: { de: merge('de'), en: merge('en') },
    routes: async (app, ctx) => {
      for (const part of parts) {
        const routes = part.routes;
        if (routes) await app.register(async (scope) => routes(scope, ctx));
      }
    },
    personalData: {
      export: async (db, userId, ctx) => {
        const joined: Record<string, unknown> = {};
        for (const source of sources) Object.assign(joined, await source.export(db, userId, ctx));
        return joined;
      },
      erase: async (db, userId, ctx) => {
        for (const source of sources) await source.erase(db, userId, ctx);
      },
    },
  };
}
