import type { Readable } from 'node:stream';

export type ScanResult = { infected: false } | { infected: true; signature: string };

/**
 * A virus scanner. `scan` reads the content to its end and says what it found; it throws when it cannot
 * tell (scanner unreachable, too slow, content over its limit), so the file stays in quarantine and the
 * scan is tried again later.
 */
export interface Scanner {
  /** Recorded with each file it scanned. */
  readonly name: string;
  scan(content: Readable): Promise<ScanResult>;
}

export class ScannerError extends Error {}
