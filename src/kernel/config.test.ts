import { describe, expect, it } from 'vitest';
import { loadConfig, withModuleSettings } from './config.ts';
import { createPlatform } from './platform.ts';
import { defineSettings, integer, optional, secret, settingsOf, text } from './settings.ts';

/** A module of the test's own that reads two settings, one of them a secret, and checks them together. */
const meterSettings = defineSettings(
  {
    METER_LIMIT: { description: 'Readings a meter may send per hour', default: '5', parse: integer(1, 60) },
    METER_TOKEN: { description: 'Token meters send', default: '', parse: optional(secret(16)), secret: true },
    METER_NAME: { description: 'Name of the meter network', default: 'Stadtwerke', parse: text },
  },
  (values) => (values.METER_LIMIT !== undefined && values.METER_LIMIT > 10 && !values.METER_TOKEN ? ['METER_TOKEN must be set when METER_LIMIT is above 10'] : []),
);
const meterModule = { id: 'meters', settings: meterSettings };

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

  it('12.25 derives the public address from HOST and PORT when PUBLIC_URL is not set', () => {
    expect(loadConfig({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', HOST: '::' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '80', HOST: 'stadt.intranet' }).PUBLIC_URL).toBe('http://stadt.intranet');
    expect(loadConfig({ PORT: '8080', HOST: '10.1.2.3' }).PUBLIC_URL).toBe('http://10.1.2.3:8080');
    expect(loadConfig({ PORT: '8080', HOST: 'fd00::5' }).PUBLIC_URL).toBe('http://[fd00::5]:8080');
    expect(loadConfig({ PORT: '8080', PUBLIC_URL: '' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', PUBLIC_URL: 'https://erkelenz.example/' }).PUBLIC_URL).toBe('https://erkelenz.example');
  });

  it('12.3 reads the outbound allow list as hosts with optional ports, and refuses anything else', () => {
    expect(loadConfig({}).OUTBOUND_ALLOW_HOSTS).toEqual([]);
    expect(loadConfig({ OUTBOUND_ALLOW_HOSTS: ' 127.0.0.1:8080, Intranet.Erkelenz.example ,[::1]:9000' }).OUTBOUND_ALLOW_HOSTS).toEqual([
      { host: '127.0.0.1', port: 8080 },
      { host: 'intranet.erkelenz.example', port: null },
      { host: '::1', port: 9000 },
    ]);
    expect(() => loadConfig({ OUTBOUND_ALLOW_HOSTS: 'http://127.0.0.1/' })).toThrow(/OUTBOUND_ALLOW_HOSTS must be a comma-separated list of host or host:port entries/);
    expect(() => loadConfig({ OUTBOUND_ALLOW_HOSTS: 'a.example:99999' })).toThrow(/OUTBOUND_ALLOW_HOSTS must be/);
  });

  it('reports a module\'s bad settings together with the kernel\'s, secrets never echoed, and checks combinations', () => {
    const load = () => loadConfig({ PORT: 'eighty', METER_LIMIT: '0', METER_TOKEN: 'short-token' }, [meterModule]);
    expect(load).toThrow(/PORT must be a whole number between 0 and 65535 \(got "eighty"\)\n {2}- METER_LIMIT must be a whole number between 1 and 60 \(got "0"\)\n {2}- METER_TOKEN must be at least 16 characters long$/);
    expect(load).not.toThrow(/short-token/);
    expect(() => loadConfig({ METER_LIMIT: '20' }, [meterModule])).toThrow('METER_TOKEN must be set when METER_LIMIT is above 10');
    expect(() => loadConfig({}, [meterModule, { id: 'other', settings: defineSettings({ METER_NAME: { description: 'x', default: '', parse: text } }) }])).toThrow(
      'Setting METER_NAME is declared by both meters and other',
    );
    expect(() => loadConfig({}, [{ id: 'other', settings: defineSettings({ PORT: { description: 'x', default: '1', parse: text } }) }])).toThrow('Setting PORT is declared by both kernel and other');
  });

  it('gives a module its own settings, typed, and only those', () => {
    const config = loadConfig({ METER_LIMIT: '7' }, [meterModule]);
    const meters = settingsOf(config, meterSettings);
    expect(meters).toEqual({ METER_LIMIT: 7, METER_TOKEN: undefined, METER_NAME: 'Stadtwerke' });
    expect(settingsOf({ config }, meterSettings).METER_LIMIT).toBe(7);
    expect(meters).not.toHaveProperty('PORT');
    // A module whose settings were never read is a mistake in how the platform was put together.
    expect(() => settingsOf(loadConfig({}), meterSettings)).toThrow('Settings METER_LIMIT, METER_TOKEN, METER_NAME were not loaded');
  });

  it('reads a module\'s settings at start from the environment the configuration came from, and refuses to start on a bad one', async () => {
    const early = loadConfig({ METER_LIMIT: '9', LOG_LEVEL: 'silent' });
    expect(settingsOf(withModuleSettings(early, [meterModule]), meterSettings).METER_LIMIT).toBe(9);
    const bad = loadConfig({ METER_LIMIT: 'many', LOG_LEVEL: 'silent' });
    expect(() => withModuleSettings(bad, [meterModule])).toThrow(/Invalid configuration:\n {2}- METER_LIMIT must be a whole number between 1 and 60 \(got "many"\)/);
    // The start stops before the database is opened or anything else is set up.
    await expect(createPlatform({ config: bad, modules: [meterModule] })).rejects.toThrow('METER_LIMIT must be a whole number between 1 and 60');
  });
});
