import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * The project's own lint rules, run through ESLint's API with the project's eslint.config.js on fixture
 * files laid out like the project (test/fixtures/boundaries), which the normal lint run skips. Each fixture
 * breaks one rule, or keeps it; a rule that stopped reporting would let the real code drift unnoticed.
 */
const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/boundaries');
const ours = new Set(['erkelenz/module-boundaries', 'no-restricted-imports', 'no-restricted-syntax']);

let found: Map<string, { rule: string | null; line: number; message: string }[]>;

beforeAll(async () => {
  const eslint = new ESLint({
    cwd: root,
    ignore: false,
    overrideConfig: [
      {
        // The fixtures are not part of the TypeScript project; the rules checked here need no types.
        files: ['test/fixtures/**'],
        ...tseslint.configs.disableTypeChecked,
        rules: { ...tseslint.configs.disableTypeChecked.rules, 'erkelenz/module-boundaries': ['error', { root: fixtures }] },
      },
    ],
  });
  const results = await eslint.lintFiles(['test/fixtures/boundaries/']);
  found = new Map(
    results.map((result) => [
      path.relative(fixtures, result.filePath).split(path.sep).join('/'),
      result.messages.filter((message) => message.ruleId !== null && ours.has(message.ruleId)).map((message) => ({ rule: message.ruleId, line: message.line, message: message.message })),
    ]),
  );
}, 60_000);

const errorsIn = (file: string) => {
  const messages = found.get(file);
  if (!messages) throw new Error(`${file} was not linted`);
  return messages.map(({ rule, line }) => `${line} ${rule}`);
};

describe('module boundaries', () => {
  it('fails a module that imports another module past its index.ts, by alias, by relative path or by re-export', () => {
    expect(errorsIn('src/modules/notify/reaches-into-accounts.ts')).toEqual(['1 erkelenz/module-boundaries', '2 erkelenz/module-boundaries', '3 erkelenz/module-boundaries']);
    expect(found.get('src/modules/notify/reaches-into-accounts.ts')?.[0]?.message).toContain("Import what it offers from '#modules/accounts/index.ts'");
  });

  it("lets a module use another module's index.ts, the kernel and its own files", () => {
    expect(errorsIn('src/modules/notify/uses-accounts-index.ts')).toEqual([]);
  });

  it("lets a module's tests use other modules' test builders, but nothing else inside them", () => {
    expect(errorsIn('src/modules/notify/reuses-builders.test.ts')).toEqual(['3 erkelenz/module-boundaries']);
  });

  it('fails code that ships importing test code, and a module importing the list of modules', () => {
    expect(errorsIn('src/modules/notify/ships-test-code.ts')).toEqual(['1 erkelenz/module-boundaries']);
    expect(found.get('src/modules/notify/ships-test-code.ts')?.[0]?.message).toContain('is test code');
    expect(errorsIn('src/modules/notify/imports-registry.ts')).toEqual(['1 erkelenz/module-boundaries']);
  });

  it('fails the kernel importing a module in any way, and a kernel test that starts the whole platform', () => {
    expect(errorsIn('src/kernel/knows-a-module.ts')).toEqual(['1 erkelenz/module-boundaries', '2 erkelenz/module-boundaries', '3 erkelenz/module-boundaries', '4 erkelenz/module-boundaries']);
    expect(found.get('src/kernel/knows-a-module.ts')?.[0]?.message).toContain('The kernel knows no module');
    expect(errorsIn('src/kernel/http/starts-platform.test.ts')).toEqual(['1 erkelenz/module-boundaries']);
    expect(found.get('src/kernel/http/starts-platform.test.ts')?.[0]?.message).toContain('belongs in test/');
  });
});

describe('one way for mail, files and errors', () => {
  it('fails nodemailer anywhere but the kernel mailer', () => {
    expect(errorsIn('src/modules/notify/sends-mail-itself.ts')).toEqual(['1 no-restricted-imports']);
    expect(found.get('src/modules/notify/sends-mail-itself.ts')?.[0]?.message).toContain('ctx.mailer');
  });

  it('fails a module that reaches for DATA_DIR instead of the file store', () => {
    expect(errorsIn('src/modules/notify/writes-data-dir.ts')).toEqual(['5 no-restricted-syntax', '6 no-restricted-syntax']);
    expect(found.get('src/modules/notify/writes-data-dir.ts')?.[0]?.message).toContain('ctx.files');
  });

  it('fails a route that writes an error body of its own', () => {
    expect(errorsIn('src/modules/notify/routes.own-error.ts')).toEqual(['2 no-restricted-syntax']);
    expect(found.get('src/modules/notify/routes.own-error.ts')?.[0]?.message).toContain('HttpProblem');
  });
});
