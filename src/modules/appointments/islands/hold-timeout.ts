/// <reference lib="dom" />

/*
 * Warns two minutes before a held time runs out and extends it with one button, without leaving the page
 * and what was typed (WCAG 2.2.1). The page already says until when the time is kept and always shows the
 * button; this adds the warning, and after the end says what happened. Focus stays where the person types.
 */

const warnBeforeMs = 2 * 60_000;

function watch(box: HTMLElement): void {
  const warning = box.querySelector<HTMLElement>('.hold-timeout__warning');
  const form = box.querySelector<HTMLFormElement>('.hold-timeout__form');
  const text = box.querySelector<HTMLElement>('.hold-timeout__text');
  const until = box.querySelector<HTMLElement>('.hold-timeout__until');
  if (!warning || !form || !text || !until) return;
  let warnTimer = 0;
  let endTimer = 0;
  const schedule = (expiresAt: Date) => {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warning.hidden = true;
    const left = expiresAt.getTime() - Date.now();
    warnTimer = window.setTimeout(() => {
      warning.hidden = false;
    }, Math.max(0, left - warnBeforeMs));
    endTimer = window.setTimeout(() => {
      text.textContent = box.dataset.ended ?? '';
      form.hidden = true;
      warning.hidden = false;
    }, Math.max(0, left));
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
    void fetch(form.action, { method: 'POST', headers: { 'x-csrf-token': token, accept: 'application/json' }, credentials: 'same-origin' })
      .then(async (answer) => {
        if (!answer.ok) return form.submit();
        const { until: next } = (await answer.json()) as { until: string };
        const expiresAt = new Date(next);
        const time = expiresAt.toLocaleTimeString(document.documentElement.lang === 'en' ? 'en-GB' : 'de-DE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' });
        until.textContent = (until.textContent ?? '').replace(/\d{1,2}:\d{2}/, time);
        schedule(expiresAt);
      })
      .catch(() => form.submit());
  });
  const expiresAt = new Date(box.dataset.expiresAt ?? '');
  if (!Number.isNaN(expiresAt.getTime())) schedule(expiresAt);
}

for (const box of document.querySelectorAll<HTMLElement>('[data-hold-timeout]')) watch(box);
