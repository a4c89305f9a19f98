import { describe, expect, it } from 'vitest';
import { newLinkKey, presentedKeyHash } from './link-keys.ts';
import { hashToken } from './sessions.ts';

describe('link keys', () => {
  it('makes a fresh key of 32 URL-safe characters each time, and keeps only a hash that finds it again', () => {
    const first = newLinkKey();
    const second = newLinkKey();
    expect(first.key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(second.key).not.toBe(first.key);
    expect(first.hash).not.toContain(first.key);
    expect(first.hash).toBe(hashToken(first.key));
    expect(presentedKeyHash(first.key)).toBe(first.hash);
  });

  it('does not look up what cannot be a key', () => {
    expect(presentedKeyHash('')).toBeUndefined();
    expect(presentedKeyHash('x'.repeat(101))).toBeUndefined();
    expect(presentedKeyHash('x'.repeat(100))).toBe(hashToken('x'.repeat(100)));
  });
});
