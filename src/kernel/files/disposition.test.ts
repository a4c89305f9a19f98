import { describe, expect, it } from 'vitest';
import { contentDisposition, downloadName } from './disposition.ts';
import { describeRefusal } from './refusals.ts';

describe('download names', () => {
  it('keeps a plain name and gives both RFC 6266 forms, ASCII and UTF-8', () => {
    const name = downloadName('Bescheid Müller (2026).pdf', 'application/pdf', 'pdf');
    expect(name).toBe('Bescheid Müller (2026).pdf');
    expect(contentDisposition(name)).toBe(`attachment; filename="Bescheid Mueller (2026).pdf"; filename*=UTF-8''Bescheid%20M%C3%BCller%20%282026%29.pdf`);
  });

  it('cannot be turned into a path, a second header or a hidden file', () => {
    expect(downloadName('../../etc/passwd', 'text/plain', 'txt')).toBe('etc_passwd.txt');
    expect(downloadName('a\r\nSet-Cookie: x=1.pdf', 'application/pdf', 'pdf')).toBe('aSet-Cookie_ x=1.pdf');
    expect(downloadName('.htaccess', 'text/plain', 'txt')).toBe('htaccess.txt');
    expect(contentDisposition('say "hi" 100%.txt')).toBe(`attachment; filename="say _hi_ 100_.txt"; filename*=UTF-8''say%20%22hi%22%20100%25.txt`);
  });

  it('ends in an extension that fits the content, so a name cannot make a browser open text as a page', () => {
    expect(downloadName('rechnung.html', 'text/plain', 'txt')).toBe('rechnung.html.txt');
    expect(downloadName('foto.pdf', 'image/jpeg', 'jpg')).toBe('foto.pdf.jpg');
    expect(downloadName('foto.JPEG', 'image/jpeg', 'jpg')).toBe('foto.JPEG');
    expect(downloadName('liste.csv', 'text/plain', 'txt')).toBe('liste.csv');
    expect(downloadName('Anhang', 'application/pdf', 'pdf')).toBe('Anhang.pdf');
  });

  it('drops direction marks that would disguise the extension, and falls back to a name when nothing is left', () => {
    expect(downloadName('rechnung\u202Efdp.exe', 'application/pdf', 'pdf')).toBe('rechnungfdp.exe.pdf');
    expect(downloadName('  ', 'application/pdf', 'pdf')).toBe('Datei.pdf');
    expect(downloadName('...', 'image/png', 'png')).toBe('Datei.png');
  });

  it('shortens long names but keeps the extension', () => {
    const name = downloadName(`${'Sehr langer Name '.repeat(20)}.pdf`, 'application/pdf', 'pdf');
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name).toMatch(/^Sehr langer Name .*\.pdf$/);
  });
});

describe('refusals', () => {
  it('map to a status and a message with the limit and the accepted types in the person language', () => {
    const refusal = { ok: false as const, reason: 'too-large' as const, accept: ['application/pdf', 'image/jpeg'], maxBytes: 1.5 * 1024 * 1024 };
    expect(describeRefusal(refusal, 'de')).toEqual({ status: 413, key: 'kernel:files.refused.too-large', values: { limit: '1,5 MB', types: 'PDF, JPEG' } });
    expect(describeRefusal({ ...refusal, reason: 'type-not-allowed' }, 'en')).toMatchObject({ status: 415, values: { limit: '1.5 MB' } });
    expect(describeRefusal({ ...refusal, reason: 'empty' }, 'de').status).toBe(422);
  });
});
