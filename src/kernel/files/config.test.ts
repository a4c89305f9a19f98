import { describe, expect, it } from 'vitest';
import { loadConfig } from '#kernel/config.ts';
import { DiskStorage } from './storage.disk.ts';
import { S3Storage } from './storage.s3.ts';
import { scannerFor, storageFor } from './store.ts';

describe('file store settings', () => {
  it('keeps files in DATA_DIR/files without a scanner by default', () => {
    const config = loadConfig({ DATA_DIR: '/srv/erkelenz' });
    expect(storageFor(config)).toBeInstanceOf(DiskStorage);
    expect((storageFor(config) as DiskStorage).root).toBe('/srv/erkelenz/files');
    expect(scannerFor(config)).toBeNull();
    expect(config.FILES_UNREFERENCED_HOURS).toBe(24);
  });

  it('reads the object storage address as endpoint, bucket and key prefix', () => {
    const config = loadConfig({ FILES_S3_URL: 'https://s3.erkelenz.example/buergerdateien/produktion/', FILES_S3_ACCESS_KEY_ID: 'key', FILES_S3_SECRET_ACCESS_KEY: 'geheim' });
    const storage = storageFor(config) as S3Storage;
    expect(storage).toBeInstanceOf(S3Storage);
    expect([storage.bucket, storage.prefix]).toEqual(['buergerdateien', 'produktion/']);
    expect(storage.keyOf('ab'.repeat(32))).toBe(`produktion/ab/ab/${'ab'.repeat(32)}`);
  });

  it('refuses object storage without bucket or keys, and never echoes the keys', () => {
    expect(() => loadConfig({ FILES_S3_URL: 'https://s3.erkelenz.example', FILES_S3_ACCESS_KEY_ID: 'k', FILES_S3_SECRET_ACCESS_KEY: 's' })).toThrow(/FILES_S3_URL must name the bucket as its path/);
    expect(() => loadConfig({ FILES_S3_URL: 'https://s3.erkelenz.example/b', FILES_S3_SECRET_ACCESS_KEY: 'streng-geheim' })).toThrow(/FILES_S3_ACCESS_KEY_ID and FILES_S3_SECRET_ACCESS_KEY must be set/);
    expect(() => loadConfig({ FILES_S3_URL: 'ftp://s3.erkelenz.example/b' })).toThrow(/FILES_S3_URL must start with http:\/\/ or https:\/\//);
  });

  it('reads the ClamAV address as TCP or Unix socket, and says what it expects otherwise', () => {
    expect(loadConfig({ CLAMD_URL: 'tcp://clamav.intern:3310' }).CLAMD_URL).toEqual({ kind: 'tcp', host: 'clamav.intern', port: 3310 });
    expect(loadConfig({ CLAMD_URL: 'tcp://[::1]:3310' }).CLAMD_URL).toEqual({ kind: 'tcp', host: '::1', port: 3310 });
    expect(loadConfig({ CLAMD_URL: 'unix:/run/clamav/clamd.ctl' }).CLAMD_URL).toEqual({ kind: 'unix', path: '/run/clamav/clamd.ctl' });
    expect(loadConfig({ CLAMD_URL: 'unix:///run/clamav/clamd.ctl' }).CLAMD_URL).toEqual({ kind: 'unix', path: '/run/clamav/clamd.ctl' });
    expect(scannerFor(loadConfig({ CLAMD_URL: 'tcp://127.0.0.1:3310', CLAMD_TIMEOUT_SECONDS: '5' }))).toMatchObject({ name: 'clamav', timeoutMs: 5000 });
    for (const bad of ['clamav:3310', 'tcp://clamav', 'tcp://clamav:99999', 'unix:relative.sock']) {
      expect(() => loadConfig({ CLAMD_URL: bad })).toThrow(`CLAMD_URL must be tcp://host:port or unix:/path/to/socket (got "${bad}")`);
    }
  });
});
