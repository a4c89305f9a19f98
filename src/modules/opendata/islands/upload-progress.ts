/// <reference lib="dom" />

/*
 * Shows how far a large upload has come. The form posts as it does without JavaScript; here it is sent with
 * XMLHttpRequest, whose upload events tell the bytes sent, and the browser then goes where the server's
 * answer went (the version's page) or shows the answer's page (the form with its message) in place of the
 * page's main part, built with DOM methods: the CSP allows no inline script, and document.write would start
 * a new document. Should the request itself fail, the form says so and can be sent again.
 *
 * The listener sits on the document, not on the form, so the form the server answered with (a fresh CSRF
 * token, the message beside the file field) shows progress as well when it is sent again.
 */

const formId = 'upload-form';

function show(holder: HTMLElement, percent: number): void {
  holder.hidden = false;
  const bar = holder.querySelector('progress');
  if (bar) bar.value = percent;
  const text = holder.querySelector('.upload-progress__text');
  if (text) text.textContent = (holder.dataset.sending ?? '{{percent}} %').replace('{{percent}}', String(percent));
}

/** Puts the answer's page where this one is: its main part and title, then moves focus to what it says. */
function showAnswer(html: string): void {
  const answer = new DOMParser().parseFromString(html, 'text/html');
  const fresh = answer.getElementById('main');
  const current = document.getElementById('main');
  const [target, source] = fresh && current ? [current, fresh] : [document.body, answer.body];
  // Imported scripts stay inert (they come from a parsed document); this island already listens for the next send.
  target.replaceChildren(...Array.from(source.childNodes, (node) => document.importNode(node, true)));
  if (answer.title) document.title = answer.title;
  const focus = target.querySelector<HTMLElement>('.error-summary') ?? target.querySelector<HTMLElement>('h1');
  if (focus) {
    focus.tabIndex = -1;
    focus.focus();
  }
}

function send(form: HTMLFormElement, holder: HTMLElement): void {
  const request = new XMLHttpRequest();
  request.open('POST', form.action);
  request.upload.addEventListener('progress', (progress) => {
    if (progress.lengthComputable) show(holder, Math.round((progress.loaded / progress.total) * 100));
  });
  request.addEventListener('load', () => {
    if (request.responseURL && request.responseURL !== form.action) {
      window.location.assign(request.responseURL);
      return;
    }
    delete form.dataset.sending;
    showAnswer(request.responseText);
  });
  request.addEventListener('error', () => {
    const text = holder.querySelector('.upload-progress__text');
    if (text) text.textContent = holder.dataset.failed ?? '';
    delete form.dataset.sending;
  });
  show(holder, 0);
  request.send(new FormData(form));
}

if ('upload' in new XMLHttpRequest()) {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.id !== formId) return;
    const holder = form.querySelector<HTMLElement>('.upload-progress');
    if (!holder) return;
    event.preventDefault();
    // A second press while the file is on its way would send it twice.
    if (form.dataset.sending) return;
    form.dataset.sending = 'true';
    send(form, holder);
  });
}
