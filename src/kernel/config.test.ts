import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, settings } from './config.ts';

describe('configuration', () => {
  it('starts with defaults only', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
  });

  it('reports every bad value at once, each with its reason', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(
      /PORT must be a whole number between 0 and 65535 \(got "eighty"\)[\s\S]*DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/[\s\S]*LOG_LEVEL must be one of/,
    );
  });

  it('never echoes a secret back', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'short-secret' })).toThrow(/SESSION_SECRET must be at least 32 characters long$/m);
    expect(() => loadConfig({ SESSION_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
    expect(() => loadConfig({ METRICS_TOKEN: 'guessable' })).toThrow(/METRICS_TOKEN must be at least 24 characters long$/m);
    expect(() => loadConfig({ METRICS_TOKEN: 'guessable' })).not.toThrow(/guessable/);
  });

  it('requires a session secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET must be set when NODE_ENV=production/);
  });

  it('25.1 derives the public address from HOST and PORT when PUBLIC_URL is not set', () => {
    expect(loadConfig({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', HOST: '::' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '80', HOST: 'stadt.intranet' }).PUBLIC_URL).toBe('http://stadt.intranet');
    expect(loadConfig({ PORT: '8080', HOST: '10.1.2.3' }).PUBLIC_URL).toBe('http://10.1.2.3:8080');
    expect(loadConfig({ PORT: '8080', HOST: 'fd00::5' }).PUBLIC_URL).toBe('http://[fd00::5]:8080');
    expect(loadConfig({ PORT: '8080', PUBLIC_URL: '' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', PUBLIC_URL: 'https://erkelenz.example/' }).PUBLIC_URL).toBe('https://erkelenz.example');
  });

  it('3.1 reads the outbound allow list as hosts with optional ports, and refuses anything else', () => {
    expect(loadConfig({}).OUTBOUND_ALLOW_HOSTS).toEqual([]);
    expect(loadConfig({ OUTBOUND_ALLOW_HOSTS: ' 127.0.0.1:8080, Intranet.Erkelenz.example ,[::1]:9000' }).OUTBOUND_ALLOW_HOSTS).toEqual([
      { host: '127.0.0.1', port: 8080 },
      { host: 'intranet.erkelenz.example', port: null },
      { host: '::1', port: 9000 },
    ]);
    expect(() => loadConfig({ OUTBOUND_ALLOW_HOSTS: 'http://127.0.0.1/' })).toThrow(/OUTBOUND_ALLOW_HOSTS must be a comma-separated list of host or host:port entries/);
    expect(() => loadConfig({ OUTBOUND_ALLOW_HOSTS: 'a.example:99999' })).toThrow(/OUTBOUND_ALLOW_HOSTS must be/);
  });

  it('is documented in the README, every variable with its default', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const [name, setting] of Object.entries(settings)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, `README lacks a row for ${name}`).toBeDefined();
      const shown = typeof setting.default === 'object' ? setting.default.text : setting.default ? `\`${setting.default}\`` : '(empty)';
      expect(row).toContain(shown);
    }
  });
});
