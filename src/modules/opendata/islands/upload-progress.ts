/// <reference lib="dom" />

/*
 * Shows how far a large upload has come. The form posts as it does without JavaScript; here it is sent with
 * XMLHttpRequest, whose upload events tell the bytes sent, and the browser then goes where the server's
 * answer went (the version's page) or shows the answer's page (the form with its message). Should the
 * request itself fail, the form is sent the plain way.
 */

const form = document.querySelector<HTMLFormElement>('#upload-form');
const holder = form?.querySelector<HTMLElement>('.upload-progress');

function show(percent: number): void {
  if (!holder) return;
  holder.hidden = false;
  const bar = holder.querySelector('progress');
  if (bar) bar.value = percent;
  const text = holder.querySelector('.upload-progress__text');
  if (text) text.textContent = (holder.dataset.sending ?? '{{percent}} %').replace('{{percent}}', String(percent));
}

if (form && holder && 'upload' in new XMLHttpRequest()) {
  let sending = false;
  form.addEventListener('submit', (event) => {
    if (sending) return;
    event.preventDefault();
    sending = true;
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', (progress) => {
      if (progress.lengthComputable) show(Math.round((progress.loaded / progress.total) * 100));
    });
    request.addEventListener('load', () => {
      if (request.responseURL && request.responseURL !== form.action) {
        window.location.assign(request.responseURL);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener('error', () => {
      const text = holder.querySelector('.upload-progress__text');
      if (text) text.textContent = holder.dataset.failed ?? '';
      sending = false;
    });
    show(0);
    request.send(new FormData(form));
  });
}
