import type { Setting, SettingsDeclaration, SettingsOwner } from './settings.ts';

/*
 * The README's configuration tables, one per declaring part (the kernel, then each module with settings),
 * made from the declarations themselves; a test compares them with the README, so a setting cannot be
 * added, changed or moved without its row.
 */

export interface SettingsGroup {
  /** The README's heading of the group's table. */
  heading: string;
  declaration: SettingsDeclaration;
}

export function settingsGroups(kernel: SettingsDeclaration, modules: readonly SettingsOwner[]): SettingsGroup[] {
  return [{ heading: '### Kernel', declaration: kernel }, ...modules.flatMap((module) => (module.settings ? [{ heading: `### Module \`${module.id}\``, declaration: module.settings }] : []))];
}

const cell = (text: string) => text.replaceAll('|', '\\|');

export function settingRow(name: string, setting: Setting<unknown>): string {
  const shown = typeof setting.default === 'object' ? setting.default.text : setting.default ? `\`${setting.default}\`` : '(empty)';
  return `| \`${name}\` | ${cell(shown)} | ${cell(setting.description)} |`;
}

/** The tables as the README shows them, under their headings. */
export function settingsTables(groups: readonly SettingsGroup[]): string {
  return groups
    .map((group) => [group.heading, '', '| variable | default | meaning |', '| --- | --- | --- |', ...Object.entries(group.declaration.variables).map(([name, setting]) => settingRow(name, setting))].join('\n'))
    .join('\n\n');
}

/** The rows of variables in each `### …` part of the README's configuration section, by heading. */
function readmeRows(readme: string): Map<string, Map<string, string>> {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration')) ?? '';
  const parts = new Map<string, Map<string, string>>();
  let rows = new Map<string, string>();
  parts.set('', rows);
  for (const line of section.split('\n')) {
    if (line.startsWith('### ')) parts.set(line.trim(), (rows = new Map<string, string>()));
    const name = /^\| `([A-Z0-9_]+)` \|/.exec(line)?.[1];
    if (name) rows.set(name, line.trimEnd());
  }
  return parts;
}

/** Where the README's configuration section and the declarations differ, each difference in one sentence. */
export function settingsTableProblems(readme: string, groups: readonly SettingsGroup[]): string[] {
  const problems: string[] = [];
  const parts = readmeRows(readme);
  const declared = new Set<string>();
  for (const group of groups) {
    const rows = parts.get(group.heading);
    if (!rows) problems.push(`README lacks the heading "${group.heading}" with its table`);
    for (const [name, setting] of Object.entries(group.declaration.variables)) {
      declared.add(name);
      const expected = settingRow(name, setting);
      const row = rows?.get(name);
      const elsewhere = [...parts].find(([heading, other]) => heading !== group.heading && other.has(name))?.[0];
      if (row === expected) continue;
      if (row !== undefined) problems.push(`README's row for ${name} differs from its declaration; expected:\n${expected}`);
      else if (elsewhere !== undefined) problems.push(`README lists ${name} under "${elsewhere || 'no heading'}", but it belongs under "${group.heading}"`);
      else problems.push(`README lacks a row for ${name} under "${group.heading}":\n${expected}`);
    }
  }
  for (const rows of parts.values()) for (const name of rows.keys()) if (!declared.has(name)) problems.push(`README lists ${name}, which nothing declares`);
  return problems;
}
