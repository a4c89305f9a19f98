/// <reference lib="dom" />

/*
 * Warns a signed-in person two minutes before their session would end for want of activity, and keeps it
 * with one button (a request refreshes the session). The page's own text already says how long a session
 * lasts and that saved pages stay saved; this only adds the warning and the extension without a reload.
 */

const warnBeforeMs = 2 * 60_000;

function watch(box: HTMLElement): void {
  const idleMs = Number(box.dataset.idleMinutes) * 60_000;
  const warning = box.querySelector<HTMLElement>('.session-timeout__warning');
  const form = box.querySelector<HTMLFormElement>('.session-timeout__form');
  const text = box.querySelector<HTMLElement>('.session-timeout__text');
  if (!idleMs || !warning || !form || !text) return;
  let warnTimer = 0;
  let endTimer = 0;
  const start = () => {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warning.hidden = true;
    warnTimer = window.setTimeout(() => {
      warning.hidden = false;
      form.querySelector('button')?.focus();
    }, Math.max(0, idleMs - warnBeforeMs));
    endTimer = window.setTimeout(() => {
      text.textContent = box.dataset.ended ?? '';
      form.hidden = true;
      warning.hidden = false;
    }, idleMs);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
    void fetch(form.action, { method: 'POST', headers: { 'x-csrf-token': token, accept: 'application/json' }, credentials: 'same-origin' }).then((answer) => {
      if (answer.ok) start();
      else form.submit();
    });
  });
  start();
}

for (const box of document.querySelectorAll<HTMLElement>('[data-session-timeout]')) watch(box);
