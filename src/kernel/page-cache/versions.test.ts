import { describe, expect, it } from 'vitest';
import { ChangeFeed } from '../db/notifications.ts';
import { ContentVersions, everything } from './versions.ts';

describe('content versions', () => {
  it('change the stamp of the scopes a change touched, once however many connections repeat it', () => {
    const feed = new ChangeFeed();
    const versions = new ContentVersions(feed);
    const catalog = versions.stamp(['catalog']);
    const datasets = versions.stamp(['datasets']);
    const fixed = versions.stamp([]);
    const all = versions.stamp([everything]);
    feed.message('catalog 4711');
    expect(versions.stamp(['catalog'])).not.toBe(catalog);
    expect(versions.stamp(['datasets'])).toBe(datasets);
    expect(versions.stamp([])).toBe(fixed);
    expect(versions.stamp([everything])).not.toBe(all);
    const once = versions.stamp(['catalog']);
    feed.message('catalog 4711');
    expect(versions.stamp(['catalog'])).toBe(once);
    feed.message('catalog 4712');
    expect(versions.stamp(['catalog'])).not.toBe(once);
  });

  it('change every stamp when notifications may have been missed', () => {
    const feed = new ChangeFeed();
    const versions = new ContentVersions(feed);
    const fixed = versions.stamp([]);
    const catalog = versions.stamp(['catalog']);
    feed.gap();
    expect(versions.stamp([])).not.toBe(fixed);
    expect(versions.stamp(['catalog'])).not.toBe(catalog);
  });
});
