import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStaff } from '#modules/accounts/test/builders.ts';
import { buildService } from '#modules/catalog/test/builders.ts';
import { logInStaff, startSite, submit, visit, type Site } from './harness.ts';

/*
 * An editor publishes a draft and withdraws it again in a browser without JavaScript; the panel beside the
 * form offers only the steps the entry can take, and every page is checked (axe, valid HTML, no console errors).
 */
let site: Site;

beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site?.close();
});

describe('publishing a catalogue entry', () => {
  it('offers publish for a draft, publish changes and withdraw once it is public, and publish again once withdrawn', async () => {
    const service = await buildService(site.platform.ctx, { title: 'Brauchtumsfeuer anmelden' }, { publish: false });
    const staff = await buildStaff(site.platform.ctx, [{ role: 'editor' }]);
    const page = await site.open({ javaScript: false });
    await logInStaff(page, staff);
    const button = (name: string) => page.getByRole('button', { name, exact: true }).count();

    expect(await visit(page, `/verwaltung/katalog/leistungen/${service.id}`)).toBe(200);
    expect([await button('Veröffentlichen'), await button('Änderungen veröffentlichen'), await button('Zurückziehen')]).toEqual([1, 0, 0]);

    expect(await submit(page, 'Veröffentlichen')).toBe(200);
    expect([await button('Veröffentlichen'), await button('Änderungen veröffentlichen'), await button('Zurückziehen')]).toEqual([0, 1, 1]);
    expect(await visit(page, `/leistungen/${service.slug}`)).toBe(200);

    expect(await visit(page, `/verwaltung/katalog/leistungen/${service.id}`)).toBe(200);
    expect(await submit(page, 'Zurückziehen')).toBe(200);
    expect([await button('Veröffentlichen'), await button('Änderungen veröffentlichen'), await button('Zurückziehen')]).toEqual([1, 0, 0]);
    expect(await visit(page, `/leistungen/${service.slug}`)).toBe(404);
  });
});
