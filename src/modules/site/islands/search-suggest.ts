/// <reference lib="dom" />

/*
 * Search as you type. Enhances the plain search form (which works on its own) into a combobox after the
 * WAI-ARIA Authoring Practices "list autocomplete" pattern: the field keeps focus, arrow keys move through
 * the suggestions (aria-activedescendant), Enter opens the chosen one, Escape closes the list, and a
 * polite live region says how many suggestions there are. Without a choice, Enter submits the form as usual.
 */

interface Suggestion {
  title: string;
  url: string;
  typeLabel: string;
}

function enhance(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>('input[name="q"]');
  const endpoint = form.dataset.suggest;
  if (!input || !endpoint) return;
  const listId = `${input.id}-suggestions`;
  const list = document.createElement('ul');
  list.id = listId;
  list.className = 'search-suggest';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', form.dataset.suggestLabel ?? '');
  list.hidden = true;
  const status = document.createElement('div');
  status.className = 'kern-sr-only';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  input.insertAdjacentElement('afterend', list);
  form.append(status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listId);
  input.setAttribute('autocomplete', 'off');

  let suggestions: Suggestion[] = [];
  let active = -1;
  let timer: number | undefined;
  let pending: AbortController | undefined;

  const options = () => Array.from(list.querySelectorAll<HTMLLIElement>('[role="option"]'));

  function close(): void {
    list.hidden = true;
    input!.setAttribute('aria-expanded', 'false');
    input!.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(index: number): void {
    active = index;
    for (const [position, option] of options().entries()) option.setAttribute('aria-selected', position === index ? 'true' : 'false');
    if (index >= 0) input!.setAttribute('aria-activedescendant', `${listId}-${index}`);
    else input!.removeAttribute('aria-activedescendant');
  }

  function announce(count: number): void {
    const text = count === 0 ? form.dataset.suggestNone : count === 1 ? form.dataset.suggestOne : form.dataset.suggestMany?.replace('%d', String(count));
    status.textContent = text ?? '';
  }

  function render(): void {
    list.replaceChildren(
      ...suggestions.map((suggestion, index) => {
        const option = document.createElement('li');
        option.id = `${listId}-${index}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.className = 'search-suggest__option';
        const title = document.createElement('span');
        title.textContent = suggestion.title;
        const kind = document.createElement('span');
        kind.className = 'search-suggest__type';
        kind.textContent = suggestion.typeLabel;
        option.append(title, kind);
        // Keep the focus in the field, so the combobox stays operable after a pointer press.
        option.addEventListener('mousedown', (event) => event.preventDefault());
        option.addEventListener('click', () => window.location.assign(suggestion.url));
        return option;
      }),
    );
    active = -1;
    input!.removeAttribute('aria-activedescendant');
    list.hidden = suggestions.length === 0;
    input!.setAttribute('aria-expanded', suggestions.length > 0 ? 'true' : 'false');
    announce(suggestions.length);
  }

  async function load(text: string): Promise<void> {
    pending?.abort();
    pending = new AbortController();
    const url = `${endpoint}?q=${encodeURIComponent(text)}&lang=${encodeURIComponent(form.dataset.suggestLang ?? 'de')}`;
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, signal: pending.signal });
      if (!response.ok) return;
      const body = (await response.json()) as { query: string; suggestions: Suggestion[] };
      if (body.query !== input!.value.trim()) return;
      suggestions = body.suggestions;
      render();
    } catch {
      // A failed suggestion request leaves the plain form, which still works.
    }
  }

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) {
      suggestions = [];
      close();
      return;
    }
    timer = window.setTimeout(() => void load(text), 200);
  });

  input.addEventListener('keydown', (event) => {
    const count = suggestions.length;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      if (list.hidden) render();
      highlight((active + 1) % count);
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      highlight(active <= 0 ? count - 1 : active - 1);
    } else if (event.key === 'Enter' && active >= 0 && !list.hidden) {
      event.preventDefault();
      window.location.assign(suggestions[active]!.url);
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      close();
    }
  });

  input.addEventListener('blur', () => window.setTimeout(close, 150));
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-suggest]')) enhance(form);
