import type { TFunction } from 'i18next';

/*
 * What a person recognises of their own browser, from its User-Agent header: "Firefox unter Windows",
 * "Safari auf einem iPhone". A short list of the browsers and systems people use covers nearly every
 * session; a full parser would add a dependency (the common one, ua-parser-js, is AGPL from version 2) to
 * name the rare rest, which the data download still shows as sent.
 */

const browsers: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Microsoft Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
/** Devices named as such rather than by their system: people say "my iPhone", not "iOS". */
const devices: [RegExp, string][] = [
  [/iPhone|iPod/, 'iPhone'],
  [/iPad/, 'iPad'],
];
const systems: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

const first = (list: [RegExp, string][], userAgent: string) => list.find(([pattern]) => pattern.test(userAgent))?.[1];

/** The browser and its device or system in words, or undefined when neither is recognised. */
export function browserWords(t: TFunction, userAgent: string): string | undefined {
  const browser = first(browsers, userAgent);
  const device = first(devices, userAgent);
  if (browser && device) return t('accounts:mail.browserOnDevice', { browser, device });
  const system = device ?? first(systems, userAgent);
  if (browser && system) return t('accounts:mail.browserOn', { browser, system });
  return browser ?? system;
}

/** As `browserWords`, for a sentence: "ein unbekannter Browser" when nothing is recognised. */
export function describeBrowser(t: TFunction, userAgent: string): string {
  return browserWords(t, userAgent) ?? t('accounts:mail.unknownBrowser');
}
