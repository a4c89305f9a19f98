import crypto from 'node:crypto';
import { hashToken } from './sessions.ts';

/*
 * Keys for the links in mails and letters (confirm, cancel, manage, edit): 24 random bytes, of which only
 * the hash is stored, so the key exists in the one message that carries it. A presented key is looked up
 * by its hash; a value that cannot be a key is not looked up at all.
 */

/** Keys are 32 characters; anything longer is not one, and is not hashed. */
const longestKey = 100;

/** A new key for a link, and the hash to store in its place. */
export function newLinkKey(): { key: string; hash: string } {
  const key = crypto.randomBytes(24).toString('base64url');
  return { key, hash: hashToken(key) };
}

/** The hash to look a presented key up by, or undefined for a value that cannot be a key (empty, too long). */
export function presentedKeyHash(presented: string): string | undefined {
  return presented.length === 0 || presented.length > longestKey ? undefined : hashToken(presented);
}
