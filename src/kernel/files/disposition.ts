import { fittingExtensions } from './media.ts';

const maxLength = 120;
/** Control characters, and the marks that turn text direction, which can disguise "gpj.exe" as "exe.jpg". */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const invisible = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name a download is saved under: the module's name for it, cleaned of anything a file system or a
 * header could misread (paths, control and direction-changing characters, reserved characters), with an
 * extension that fits the content, so "rechnung.html" holding text is saved as "rechnung.html.txt".
 */
export function downloadName(requested: string, mediaType: string, extension: string): string {
  let name = requested
    .normalize('NFC')
    .replace(invisible, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s_]+/, '');
  const dot = name.lastIndexOf('.');
  const given = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const fits = fittingExtensions(mediaType, extension).includes(given);
  let base = fits ? name.slice(0, dot) : name;
  const suffix = fits ? name.slice(dot) : `.${extension}`;
  if (base.replace(/[._ -]/g, '') === '') base = 'Datei';
  if (base.length + suffix.length > maxLength) base = base.slice(0, maxLength - suffix.length).trimEnd();
  name = `${base}${suffix}`;
  return name;
}

/**
 * `attachment` with both forms RFC 6266 asks for: `filename` in plain ASCII for old clients, and
 * `filename*` with the exact name in UTF-8 (RFC 8187), which every current browser prefers.
 */
export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}

const umlauts: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

function asciiFallback(name: string): string {
  return (
    name
      .replace(/[äöüÄÖÜß]/g, (char) => umlauts[char]!)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      // Percent signs too: some clients decode them in the plain form.
      .replace(/[^\x20-\x7e]|["\\%]/g, '_')
  );
}

function encodeRfc8187(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
