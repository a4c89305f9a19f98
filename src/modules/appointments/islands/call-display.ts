/// <reference lib="dom" />

/*
 * Keeps the call display current without reloading: the server sends the display's state over server-sent
 * events whenever it changes; the list is drawn again and a new call is announced in the status region
 * ("A 017 bitte zu Schalter 2"). The browser reconnects by itself when the stream drops. Without JavaScript
 * the page has its "Aktualisieren" link.
 */

interface State {
  called: { label: string; counter: string; at: string }[];
  waiting: number;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function draw(box: HTMLElement, state: State): void {
  const holder = box.querySelector<HTMLElement>('.call-display__called');
  if (!holder) return;
  holder.replaceChildren();
  if (state.called.length === 0) {
    const none = document.createElement('p');
    none.className = 'kern-body kern-body--large';
    none.textContent = box.dataset.nothing ?? '';
    holder.append(none);
  } else {
    const list = document.createElement('ol');
    list.className = 'kern-list call-display__list';
    state.called.forEach((call, index) => {
      const item = document.createElement('li');
      if (index === 0) item.className = 'call-display__latest';
      const label = document.createElement('span');
      label.className = 'kern-heading-x-large';
      label.textContent = call.label;
      const counter = document.createElement('span');
      counter.className = 'kern-heading-large';
      counter.textContent = `→ ${call.counter}`;
      item.append(label, ' ', counter);
      list.append(item);
    });
    holder.append(list);
  }
  const waiting = box.querySelector<HTMLElement>('.call-display__waiting');
  const template = state.waiting === 1 ? box.dataset.waitingOne : box.dataset.waitingOther;
  if (waiting && template) waiting.textContent = fill(template, { count: String(state.waiting) });
}

function follow(box: HTMLElement): void {
  const address = box.dataset.callDisplay;
  const announce = box.querySelector<HTMLElement>('.call-display__announce');
  if (!address || typeof EventSource === 'undefined') return;
  let latest: string | undefined;
  const source = new EventSource(address);
  source.addEventListener('message', (event: MessageEvent<string>) => {
    const state = JSON.parse(event.data) as State;
    draw(box, state);
    const newest = state.called[0];
    const key = newest ? `${newest.label}|${newest.at}` : '';
    // The first state only shows what is already on the page; each later call is said once.
    if (latest !== undefined && newest && key !== latest && announce) announce.textContent = fill(box.dataset.announce ?? '', { label: newest.label, counter: newest.counter });
    latest = key;
  });
}

for (const box of document.querySelectorAll<HTMLElement>('[data-call-display]')) follow(box);
