import { describe, expect, it } from 'vitest';
import { kernelManifest } from '#kernel/manifest.ts';
import { modules } from '#modules/index.ts';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('texts', () => {
  for (const module of [kernelManifest, ...modules]) {
    if (!module.locales) continue;
    const { de, en } = module.locales;
    it(`${module.id}: German and English have the same keys`, () => {
      expect(keysOf(en).sort()).toEqual(keysOf(de).sort());
    });
    it(`${module.id}: no text is empty`, () => {
      const valueAt = (tree: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
      const empty = [
        ...keysOf(de).filter((key) => valueAt(de, key) === '').map((key) => `de:${key}`),
        ...keysOf(en).filter((key) => valueAt(en, key) === '').map((key) => `en:${key}`),
      ];
      expect(empty).toEqual([]);
    });
  }

  it('every navigation and footer label exists in both languages', () => {
    const all = [kernelManifest, ...modules];
    const byNamespace = new Map(all.map((module) => [module.id, module.locales]));
    for (const entry of all.flatMap((module) => [...(module.nav ?? []), ...(module.footer ?? [])])) {
      const [namespace = '', key = ''] = entry.label.split(':');
      for (const language of ['de', 'en'] as const) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], byNamespace.get(namespace)?.[language]);
        expect(typeof value, `${entry.label} in ${language}`).toBe('string');
      }
    }
  });
});
