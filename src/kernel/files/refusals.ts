import type { Language } from '../auth/actor.ts';
import { mediaTypeLabel } from './media.ts';
import type { PutResult } from './types.ts';

export type PutRefusal = Extract<PutResult, { ok: false }>;

const statuses = { 'too-large': 413, 'type-not-allowed': 415, empty: 422, unreadable: 422, infected: 422 } as const;

/**
 * How a route answers a refused upload: the status, and the message key with its values (the limit, the
 * accepted types) in the person's language. `throw new HttpProblem(status, key, values)` or re-render the
 * form with `request.t(key, values)` beside the file field.
 */
export function describeRefusal(refusal: PutRefusal, language: Language) {
  return {
    status: statuses[refusal.reason],
    key: `kernel:files.refused.${refusal.reason}`,
    values: { limit: formatBytes(refusal.maxBytes, language), types: refusal.accept.map(mediaTypeLabel).filter(unique).join(', ') },
  };
}

function unique(value: string, index: number, all: string[]): boolean {
  return all.indexOf(value) === index;
}

/** "5 MB", "1,5 MB", "300 KB": binary units under the names people know. */
export function formatBytes(bytes: number, language: Language): string {
  const format = (value: number) => new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
  if (bytes >= 1024 * 1024) return `${format(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${format(bytes / 1024)} KB`;
  return `${bytes} ${language === 'de' ? 'Byte' : 'bytes'}`;
}
