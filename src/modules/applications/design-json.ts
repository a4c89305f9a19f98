/*
 * Reading an uploaded definition as JSON, with the place a broken file breaks: V8 names a position for some
 * mistakes and not for others ("Unexpected token 'a'"), so the place is found by a scanner of its own, which
 * runs only once the parser has refused the text. It keeps its own stack, so a file of a million opening
 * brackets is answered, not a stack overflow.
 */

export type JsonRead = { ok: true; value: unknown } | { ok: false; line: number; column: number };

const whitespace = new Set([' ', '\t', '\n', '\r']);
const numberAt = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// A string's longest valid beginning: where it stops short of its closing quote is where it breaks.
// eslint-disable-next-line no-control-regex -- JSON strings may not hold control characters unescaped
const stringStart = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;

/** The offset of the first character no JSON parser takes, the text's length when it ends too early, or -1 for valid JSON. */
export function jsonErrorOffset(text: string): number {
  let at = 0;
  const stack: string[] = [];
  const skip = () => {
    while (at < text.length && whitespace.has(text[at]!)) at += 1;
  };
  const token = (pattern: RegExp): boolean => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) return false;
    at += match[0].length;
    return true;
  };
  const string = (): boolean => {
    token(stringStart);
    if (text[at] !== '"') return false;
    at += 1;
    return true;
  };
  const key = (): boolean => {
    skip();
    if (text[at] !== '"' || !string()) return false;
    skip();
    if (text[at] !== ':') return false;
    at += 1;
    return true;
  };

  let expectValue = true;
  for (;;) {
    skip();
    if (at >= text.length) return expectValue || stack.length > 0 ? text.length : -1;
    const char = text[at]!;
    if (expectValue) {
      if (char === '{' || char === '[') {
        stack.push(char);
        at += 1;
        skip();
        const closing = char === '{' ? '}' : ']';
        if (text[at] === closing) {
          stack.pop();
          at += 1;
          expectValue = false;
        } else if (char === '{' && !key()) return at;
        continue;
      }
      const word = ['true', 'false', 'null'].find((candidate) => text.startsWith(candidate, at));
      let taken: boolean;
      if (char === '"') taken = string();
      else if (word) {
        at += word.length;
        taken = true;
      } else taken = token(numberAt);
      if (!taken) return at;
      expectValue = false;
      continue;
    }
    const open = stack.at(-1);
    if (open === undefined) return at;
    if (char === (open === '{' ? '}' : ']')) {
      stack.pop();
      at += 1;
    } else if (char === ',') {
      at += 1;
      if (open === '{' && !key()) return at;
      expectValue = true;
    } else return at;
  }
}

/** The line and column (both from 1) of an offset, as an editor shows them. */
function place(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** The text as JSON, or where it stops being JSON. A byte order mark some editors write is ignored. */
export function readJson(text: string): JsonRead {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(source) as unknown };
  } catch {
    const offset = jsonErrorOffset(source);
    return { ok: false, ...place(source, offset < 0 ? source.length : offset) };
  }
}

/** Whether bytes are text a person could have written in an editor: UTF-8, without control characters. */
export function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? null : text;
}

// The database keeps a definition's keys in an order of its own; a downloaded file puts them back in the
// order a person reads and writes them (what it is, what it says, what it asks, what follows).
const keyOrder = [
  'key', 'type', 'id', 'value', 'field', 'title', 'label', 'itemLabel', 'intro', 'hint', 'service', 'office', 'procedure', 'access', 'needs', 'minutes',
  'when', 'required', 'prefill', 'fim', 'maxLength', 'min', 'max', 'notBefore', 'cityOnly', 'options', 'accept', 'maxBytes',
  'equals', 'in', 'filled', 'atLeast', 'all', 'any', 'not', 'fields', 'pages', 'declaration', 'nextSteps', 'retentionDays', 'targetDays', 'de', 'en', 'ls',
];
const rank = (key: string) => {
  const index = keyOrder.indexOf(key);
  return index < 0 ? keyOrder.length : index;
};

/** A copy of parsed JSON with every object's keys in reading order; keys not listed keep theirs, at the end. */
export function readableOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(readableOrder);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => rank(a) - rank(b));
  return Object.fromEntries(entries.map(([key, item]) => [key, readableOrder(item)]));
}
