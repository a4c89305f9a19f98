/*
 * Libraries that take long to load (typebox's value checker, pdfkit, sharp) are loaded on first use, so a
 * start does not pay for them. The loaded module is kept: `import()` resolves its specifier again on every
 * call, and under a loader (tsx in development and tests) each resolution is a round trip to the loader's
 * thread that costs more than the work on paths as hot as enqueueing a job or publishing an event.
 */

/** A loader that runs once; a failed load is tried again on the next call. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
}

/** typebox's value checker, for payloads checked at run time (jobs, events, imports). */
export const typeboxValue = loadOnce(() => import('typebox/value').then((module) => module.default));

/** pdfkit, for every PDF the platform writes. */
export const pdfkit = loadOnce(() => import('pdfkit').then((module) => module.default));
