import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kernelSettings, loadConfig } from '#kernel/config.ts';
import { settingsGroups, settingsTableProblems, settingsTables } from '#kernel/settings-table.ts';
import { defineSettings, integer, settingsOf, text } from '#kernel/settings.ts';
import { accountsSettings } from '#modules/accounts/settings.ts';
import { modules } from '#modules/index.ts';
import { notifySettings } from '#modules/notify/settings.ts';

/*
 * The configuration of the whole platform: the kernel's settings and every module's, validated together and
 * documented in the README's tables, one per declaring part.
 */

const meterModule = {
  id: 'meters',
  settings: defineSettings({
    METER_LIMIT: { description: 'Readings a meter may send per hour', default: '5', parse: integer(1, 60) },
    METER_TOKEN: { description: 'Token meters send', default: '', parse: text, secret: true },
    METER_NAME: { description: 'Name of the meter network', default: 'Stadtwerke', parse: text },
  }),
};

describe('the platform\'s configuration', () => {
  it('validates the modules\' settings with the kernel\'s and gives each module its own', () => {
    const load = () => loadConfig({ PORT: 'x', NOTIFY_RETENTION_DAYS: '0', OIDC_ISSUER: 'https://id.example' }, modules);
    // One report for all: the kernel's bad value, a module's, and a module's combination.
    expect(load).toThrow(/^Invalid configuration:\n {2}- PORT must be a whole number/);
    expect(load).toThrow('NOTIFY_RETENTION_DAYS must be a whole number between 1 and 3650 (got "0")');
    expect(load).toThrow('OIDC_CLIENT_ID must be set when OIDC_ISSUER is set');
    expect(settingsOf(loadConfig({ NOTIFY_RETENTION_DAYS: '90' }, modules), notifySettings).NOTIFY_RETENTION_DAYS).toBe(90);
    expect(settingsOf(loadConfig({}, modules), accountsSettings).OIDC_LABEL).toBe('BundID');
  });

  it('is documented in the README, a table for the kernel and for each module with settings', () => {
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const groups = settingsGroups(kernelSettings, modules);
    expect(groups.map((group) => group.heading)).toEqual(['### Kernel', '### Module `site`', '### Module `catalog`', '### Module `accounts`', '### Module `notify`', '### Module `applications`', '### Module `appointments`', '### Module `initiatives`']);
    expect(settingsTableProblems(readme, groups), `The README's configuration section should read:\n\n${settingsTables(groups)}`).toEqual([]);
  });

  it('fails the README check for a setting without its row, with a stale row, or with a row under the wrong module', () => {
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const withMeters = settingsGroups(kernelSettings, [...modules, meterModule]);
    expect(settingsTableProblems(readme, withMeters)).toEqual([
      'README lacks the heading "### Module `meters`" with its table',
      expect.stringMatching(/^README lacks a row for METER_LIMIT under "### Module `meters`":\n\| `METER_LIMIT` \| `5` \| Readings a meter may send per hour \|$/),
      expect.stringMatching(/^README lacks a row for METER_TOKEN/),
      expect.stringMatching(/^README lacks a row for METER_NAME/),
    ]);
    const withoutNotify = settingsGroups(kernelSettings, modules.filter((module) => module.id !== 'notify'));
    expect(settingsTableProblems(readme, withoutNotify)).toEqual(['README lists NOTIFY_RETENTION_DAYS, which nothing declares', 'README lists PRINT_BATCH_RETENTION_DAYS, which nothing declares', 'README lists LETTER_RETURN_ADDRESS, which nothing declares']);
    const moved = readme.replace(/(\| `MAP_URL_TEMPLATE` \|[^\n]*\n)/, '').replace('| `CITY_NAME` |', (match) => `${readme.match(/\| `MAP_URL_TEMPLATE` \|[^\n]*/)![0]}\n${match}`);
    expect(settingsTableProblems(moved, settingsGroups(kernelSettings, modules))).toEqual(['README lists MAP_URL_TEMPLATE under "### Kernel", but it belongs under "### Module `catalog`"']);
  });
});
