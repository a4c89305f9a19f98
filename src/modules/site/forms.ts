import { defineForm, type FormValue, type LeafDef } from '#kernel/forms/index.ts';

/*
 * The site's form as data (`src/kernel/forms/README.md`): the route reads it, the view renders it, the
 * service takes its typed value.
 */

/** A report about a barrier (BITV NRW § 7). Sent once per form key: a double click is one report, one mail. */
export const feedbackForm = defineForm({
  id: 'site.accessibility-feedback',
  once: true,
  fields: {
    page: { kind: 'text', label: 'site:accessibility.form.page', hint: 'site:accessibility.form.pageHint', maxLength: 500 },
    message: { kind: 'textarea', label: 'site:accessibility.form.message', required: true, maxLength: 5000, messages: { required: 'site:accessibility.errors.messageRequired' } },
    name: { kind: 'text', label: 'site:accessibility.form.name', maxLength: 200, autocomplete: 'name' },
    email: { kind: 'email', label: 'site:accessibility.form.email', hint: 'site:accessibility.form.emailHint', autocomplete: 'email', messages: { email: 'site:accessibility.errors.emailInvalid' } },
  },
});
export type Feedback = FormValue<typeof feedbackForm>;

/**
 * The search, read from the query string: the words, the page, and a filter per facet (`typ` and those the
 * modules' search sources declare, so the definition is made when the routes are).
 */
export function searchForm(facets: readonly { name: string; label: string }[]) {
  // A facet's values are addresses of entries (slugs), never longer than 100 characters.
  const filters: Record<string, LeafDef> = Object.fromEntries(facets.map((facet) => [facet.name, { kind: 'choices', label: facet.label, maxItems: 20, maxLength: 100 }]));
  return defineForm({
    id: 'site.search',
    fields: {
      q: { kind: 'text', label: 'site:search.queryLabel', maxLength: 200, messages: { 'too-long': 'site:search.tooLong' } },
      seite: { kind: 'integer', label: 'site:search.page', min: 1, max: 1000 },
      typ: { kind: 'choices', label: 'site:search.facets.type', maxItems: 10, maxLength: 40 },
      ...filters,
    },
  });
}
