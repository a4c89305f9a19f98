import path from 'node:path';

/*
 * The module boundaries of DESIGN.md as a lint rule. A module uses another module only through that
 * module's `index.ts`; the kernel knows no module at all. Tests may reach a little further: a module's tests
 * (and its `test/` helpers) may use other modules' test helpers (`src/modules/<m>/test/…`, the builders),
 * so every module's tests build accounts and staff the same way; code that ships never imports test code.
 * The kernel's tests run without the modules: a test of the whole platform lives in `test/`.
 * `src/modules/index.ts`, `src/cli.ts`, `src/main.ts`, `test/`, `e2e/` and `bench/` compose the platform
 * and may import anything.
 */

const projectRoot = path.resolve(import.meta.dirname, '..');
const aliases = { '#kernel/': 'src/kernel/', '#modules/': 'src/modules/', '#test/': 'test/' };

/** The project-relative path an import names, or null for a package. */
function resolveImport(root, fromFile, source) {
  for (const [alias, folder] of Object.entries(aliases)) if (source.startsWith(alias)) return folder + source.slice(alias.length);
  if (source.startsWith('./') || source.startsWith('../')) return path.relative(root, path.resolve(path.dirname(fromFile), source)).split(path.sep).join('/');
  return null;
}

/** Where a project file belongs: the kernel, one module, or elsewhere. */
function placeOf(file) {
  if (file.startsWith('src/kernel/')) return { kind: 'kernel' };
  const module = /^src\/modules\/([^/]+)\//.exec(file);
  if (module) return { kind: 'module', id: module[1], rest: file.slice(module[0].length) };
  return { kind: 'other' };
}

const testFile = /(\.test\.tsx?|\.e2e\.ts)$/;
const isTestCode = (file) => testFile.test(file) || /(^|\/)test\//.test(file) || file.startsWith('test/') || file.startsWith('e2e/');

export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: "Modules use each other only through index.ts; the kernel imports no module; shipped code imports no test code" },
    // `root` lets the rule's own test lint a fixture tree laid out like the project (test/fixtures/boundaries).
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      kernelImportsModule: "The kernel knows no module: '{{source}}' is module code. Pass what the kernel needs in through a manifest hook.",
      kernelTestStartsPlatform: "'{{source}}' starts the whole platform with every module; a test of the whole platform belongs in test/.",
      intoOtherModule: "'{{source}}' is inside module '{{target}}'. Import what it offers from '#modules/{{target}}/index.ts' (export it there if others need it).",
      registryFromModule: "A module does not import the list of modules; the platform hands modules to the kernel, not to each other.",
      testCodeInShippedCode: "'{{source}}' is test code; code that ships does not import it.",
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? projectRoot;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const from = placeOf(file);
    const fromTest = isTestCode(file);
    if (from.kind === 'other' && !file.startsWith('src/')) return {};

    function check(node, source) {
      if (typeof source !== 'string') return;
      const target = resolveImport(root, context.filename, source);
      if (target === null) return;
      const to = placeOf(target);
      const report = (messageId, data = {}) => context.report({ node, messageId, data: { source, ...data } });
      if (!fromTest && isTestCode(target)) return report('testCodeInShippedCode');
      if (from.kind === 'kernel') {
        if (to.kind === 'module' || target === 'src/modules/index.ts') return report('kernelImportsModule');
        if (target === 'test/platform.ts' || target === 'test/template.ts') return report('kernelTestStartsPlatform');
        return;
      }
      if (from.kind !== 'module') return;
      if (target === 'src/modules/index.ts') return report('registryFromModule');
      if (to.kind !== 'module' || to.id === from.id) return;
      if (to.rest === 'index.ts') return;
      if (fromTest && to.rest.startsWith('test/')) return;
      report('intoOtherModule', { target: to.id });
    }

    const fromNode = (node) => check(node.source, node.source?.value);
    return {
      ImportDeclaration: fromNode,
      ExportNamedDeclaration: (node) => node.source && fromNode(node),
      ExportAllDeclaration: fromNode,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { meta: { name: 'erkelenz' }, rules: { 'module-boundaries': moduleBoundaries } };
