import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import erkelenz from './eslint-rules/boundaries.js';

const relativeUpwards = { group: ['../../*'], message: 'Use the #kernel/* or #modules/* import aliases.' };
const nodemailerOnlyInKernelMail = { name: 'nodemailer', message: 'Mail leaves through ctx.mailer (src/kernel/mail.ts), the one transport of the platform.' };

// Checked in module code that ships; test/fixtures/boundaries holds a file breaking each (`test/lint/boundaries.test.ts`).
const moduleSyntax = [
  {
    selector: "MemberExpression[property.name='DATA_DIR'], MemberExpression[property.value='DATA_DIR']",
    message: 'A module keeps files through ctx.files (the kernel file store), never in DATA_DIR itself.',
  },
];
const routeSyntax = [
  ...moduleSyntax,
  {
    selector: "ObjectExpression > Property[key.name='statusCode']",
    message: 'Throw an HttpProblem (#kernel/http/problem.ts) instead: the kernel writes every error body, as a page or as JSON.',
  },
];
const moduleCode = ['**/src/modules/*/**/*.{ts,tsx}'];
const testCode = ['**/*.test.{ts,tsx}', '**/src/modules/*/test/**'];

export default tseslint.config(
  // Fixtures break the rules on purpose; their test lints them itself.
  { ignores: ['node_modules/', 'data/', 'coverage/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { erkelenz },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      'object-shorthand': 'error',
      'no-restricted-imports': ['error', { paths: [nodemailerOnlyInKernelMail], patterns: [relativeUpwards] }],
      'erkelenz/module-boundaries': 'error',
    },
  },
  {
    files: ['**/src/kernel/mail.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [relativeUpwards] }] },
  },
  {
    files: moduleCode,
    ignores: testCode,
    rules: { 'no-restricted-syntax': ['error', ...moduleSyntax] },
  },
  {
    files: ['**/src/modules/*/**/routes*.{ts,tsx}'],
    ignores: testCode,
    rules: { 'no-restricted-syntax': ['error', ...routeSyntax] },
  },
  {
    // Migrations are frozen in time and type their database as Kysely<any>, as Kysely recommends.
    files: ['src/**/migrations/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Vitest's asymmetric matchers (expect.stringContaining …) are typed any.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
