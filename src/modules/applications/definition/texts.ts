import type { i18n } from 'i18next';
import type { Field, FormDefinition, Option, Text } from './schema.ts';

/*
 * A version's texts as an i18next namespace, so that kernel forms take a field's label and hint by key as
 * they do for any module. Keys are made from ids (`p.<pageId>.title`, `f.<fieldId>.label`, a group's fields
 * under `g.<groupId>.<fieldId>`), which check.ts keeps unique.
 */

/** Where a field's texts are: a page's field by its id, a group's field by the group's id and its own. */
export interface FieldAt {
  id: string;
  group?: string | undefined;
}

const fieldPrefix = (at: FieldAt) => (at.group ? `g.${at.group}.${at.id}` : `f.${at.id}`);

/** The keys of a definition's texts within its namespace. */
export const textKeys = {
  title: 'form.title',
  declaration: 'form.declaration',
  nextSteps: 'form.nextSteps',
  need: (index: number) => `form.needs.${index}`,
  pageTitle: (pageId: string) => `p.${pageId}.title`,
  pageIntro: (pageId: string) => `p.${pageId}.intro`,
  label: (at: FieldAt) => `${fieldPrefix(at)}.label`,
  hint: (at: FieldAt) => `${fieldPrefix(at)}.hint`,
  itemLabel: (groupId: string) => `f.${groupId}.itemLabel`,
  optionLabel: (at: FieldAt, value: string) => `${fieldPrefix(at)}.o.${value}.label`,
  optionHint: (at: FieldAt, value: string) => `${fieldPrefix(at)}.o.${value}.hint`,
};

/** The namespace of a version's texts (`form-<versionId>`, `form-<versionId>-ls` in Leichte Sprache). */
export function textNamespace(versionId: string, easy = false): string {
  // i18next reads `:` as the namespace's end and `)` as the end of a nested key; an id keeps neither.
  return `form-${versionId.replace(/[^A-Za-z0-9_-]/g, '_')}${easy ? '-ls' : ''}`;
}

// i18next reads `{{name}}` as a value to put in and `$t(key)` as another text to put in. A designer's text
// is shown as written: each of the two openings becomes a nested lookup of a text that is the opening itself,
// which i18next inserts without reading it again.
const literalKeys = { open: 'x.open', nest: 'x.nest' };
const openings = /\{\{|\$t\(/g;
const openingsButNumber = /\{\{(?!number\}\})|\$t\(/g;

function literal(namespace: string, text: string, keepNumber = false): string {
  return text.replace(keepNumber ? openingsButNumber : openings, (opening) => `$t(${namespace}:${opening === '{{' ? literalKeys.open : literalKeys.nest})`);
}

type Language = 'de' | 'en';

/** The text in one language: German, English (else German), or with `easy` Leichte Sprache where written (else German). */
export function textIn(text: Text, language: Language, easy = false): string {
  if (language === 'en') return text.en ?? text.de;
  return easy ? (text.ls ?? text.de) : text.de;
}

/**
 * Whether a form is written in Leichte Sprache: its title and every page's title have an easy version.
 * A form with a few easy texts here and there is not offered as easy to read; texts without one fall back to German.
 */
/**
 * The i18next context of the platform's own words around a form (`start.begin_message`): a form without a
 * service is a message to the city (the general contact form), which is neither applied for nor charged.
 */
export function wordingContext(definition: FormDefinition): { context?: 'message' } {
  return definition.service ? {} : { context: 'message' };
}

export function hasEasyTexts(definition: FormDefinition): boolean {
  return definition.title.ls !== undefined && definition.pages.every((page) => page.title.ls !== undefined);
}

type Tree = { [key: string]: string | Tree };

function put(tree: Tree, key: string, value: string): void {
  const parts = key.split('.');
  let node = tree;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = typeof next === 'object' ? next : (node[part] = {});
  }
  node[parts.at(-1)!] = value;
}

function optionTexts(set: (key: string, text: Text | undefined) => void, at: FieldAt, options: readonly Option[] | undefined): void {
  for (const option of options ?? []) {
    set(textKeys.optionLabel(at, option.value), option.label);
    set(textKeys.optionHint(at, option.value), option.hint);
  }
}

function fieldTexts(set: (key: string, text: Text | undefined, keepNumber?: boolean) => void, field: Field): void {
  const at = { id: field.id };
  set(textKeys.label(at), field.label);
  set(textKeys.hint(at), field.hint);
  if (field.type !== 'group') return optionTexts(set, at, field.options);
  set(textKeys.itemLabel(field.id), field.itemLabel, true);
  for (const child of field.fields) {
    const childAt = { id: child.id, group: field.id };
    set(textKeys.label(childAt), child.label);
    set(textKeys.hint(childAt), child.hint);
    optionTexts(set, childAt, child.options);
  }
}

function treeOf(namespace: string, definition: FormDefinition, language: Language, easy: boolean): Tree {
  const tree: Tree = {};
  const set = (key: string, text: Text | undefined, keepNumber = false) => {
    if (text) put(tree, key, literal(namespace, textIn(text, language, easy), keepNumber));
  };
  set(textKeys.title, definition.title);
  set(textKeys.declaration, definition.declaration);
  set(textKeys.nextSteps, definition.nextSteps);
  definition.needs.forEach((need, index) => set(textKeys.need(index), need));
  for (const page of definition.pages) {
    set(textKeys.pageTitle(page.id), page.title);
    set(textKeys.pageIntro(page.id), page.intro);
    for (const field of page.fields) fieldTexts(set, field);
  }
  put(tree, literalKeys.open, '{{');
  put(tree, literalKeys.nest, '$t(');
  return tree;
}

/**
 * Adds a version's texts to i18next and returns their namespace: German from `de`, English from `en` (else
 * German); with `easy`, a namespace of its own whose German is Leichte Sprache where written. A published
 * version never changes, so a namespace already there is left as it is; register before the first lookup,
 * since the kernel's translator keeps every answer it gave.
 */
export function registerFormTexts(instance: i18n, versionId: string, definition: FormDefinition, easy = false): string {
  const namespace = textNamespace(versionId, easy);
  if (instance.hasResourceBundle('de', namespace)) return namespace;
  for (const language of ['en', 'de'] as const) instance.addResourceBundle(language, namespace, treeOf(namespace, definition, language, easy), false, false);
  return namespace;
}
