/// <reference lib="dom" />

/*
 * Follows a version's check on its page: asks the small JSON address every two seconds and writes the rows
 * loaded and the status into the page (the text sits in a polite live region), until the version is
 * finished; then the page is loaded once more, so the report and the final figures come from the server.
 * Without JavaScript the page has its "Aktualisieren" link.
 */

interface Progress {
  status: string;
  label: string;
  rowsLoaded: number;
  rowCount: number | null;
  finished: boolean;
  text: string;
}

const box = document.querySelector<HTMLElement>('.version-progress[data-progress-url]');
const url = box?.dataset.progressUrl;

async function poll(): Promise<void> {
  if (!box || !url) return;
  let progress: Progress;
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) return;
    progress = (await response.json()) as Progress;
  } catch {
    // The network may come back; the next turn asks again.
    window.setTimeout(() => void poll(), 2000);
    return;
  }
  const bar = box.querySelector('progress');
  if (bar) {
    if (progress.rowCount !== null) bar.max = progress.rowCount;
    bar.value = progress.finished ? (progress.rowCount ?? progress.rowsLoaded) : progress.rowsLoaded;
  }
  const text = box.querySelector('.version-progress__text');
  if (text) text.textContent = progress.text;
  const status = box.querySelector('.version-progress__status .kern-label');
  if (status) status.textContent = progress.label;
  if (progress.finished) {
    window.location.reload();
    return;
  }
  window.setTimeout(() => void poll(), 2000);
}

if (box && url) {
  box.querySelector('.version-progress__refresh')?.setAttribute('hidden', '');
  window.setTimeout(() => void poll(), 2000);
}
