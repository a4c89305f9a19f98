import { allowedFunctions } from './allowed-functions.ts';

/*
 * Reading a query of the SQL endpoint as PostgreSQL's lexer would (with standard_conforming_strings on,
 * which the endpoint sets): strings, quoted identifiers, dollar quotes and comments cannot hide a `;` or a
 * function call. The checks here run before the database sees the text, because planning alone already
 * evaluates some functions (constant folding, selectivity estimates), so a call that EXPLAIN would later
 * show, or fold away, must not reach the planner at all.
 */

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'operator' | 'punct';
export interface Token {
  kind: TokenKind;
  /** Words in lower case, quoted identifiers unquoted, everything else as written. */
  value: string;
  start: number;
  end: number;
}

export class LexError extends Error {}

const wordStart = /[A-Za-z_\u0080-\uffff]/;
const wordPart = /[A-Za-z0-9_$\u0080-\uffff]/;
const operatorChar = /[+\-*/<>=~!@#%^&|`?]/;
// Digits, a fraction and an exponent; letters right after a number start the next token, as in PostgreSQL.
const numberPattern = /(?:0[xXoObB][0-9A-Fa-f_]+|[0-9_]*(?:\.(?!\.)[0-9_]*)?(?:[eE][+-]?[0-9]+)?)/y;
const stringPrefixes = new Set(['e', 'b', 'x', 'n']);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, value = text.slice(start, i)) => tokens.push({ kind, value, start, end: i });
  while (i < text.length) {
    const start = i;
    const c = text[i]!;
    if (/\s/.test(c)) i++;
    else if (text.startsWith('--', i)) i = lineEnd(text, i);
    else if (text.startsWith('/*', i)) i = blockCommentEnd(text, i);
    else if (c === "'") {
      i = stringEnd(text, i, false);
      push('string', start);
    } else if (c === '"') {
      i = quotedEnd(text, i);
      push('quoted', start, text.slice(start + 1, i - 1).replaceAll('""', '"'));
    } else if (c === '$' && /[0-9]/.test(text[i + 1] ?? '')) {
      i++;
      while (/[0-9]/.test(text[i] ?? '')) i++;
      push('param', start);
    } else if (c === '$') {
      i = dollarQuoteEnd(text, i);
      push('string', start);
    } else if (/[uU]/.test(c) && text[i + 1] === '&' && (text[i + 2] === "'" || text[i + 2] === '"')) {
      // U&'…' and U&"…": Unicode escapes, quoted as usual.
      if (text[i + 2] === "'") {
        i = stringEnd(text, i + 2, false);
        push('string', start);
      } else {
        i = quotedEnd(text, i + 2);
        push('quoted', start, text.slice(start + 3, i - 1).replaceAll('""', '"'));
      }
    } else if (wordStart.test(c)) {
      while (i < text.length && wordPart.test(text[i]!)) i++;
      const word = text.slice(start, i).toLowerCase();
      if (text[i] === "'" && stringPrefixes.has(word)) {
        i = stringEnd(text, i, word === 'e');
        push('string', start);
      } else push('word', start, word);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      numberPattern.lastIndex = i;
      i += numberPattern.exec(text)![0].length;
      push('number', start);
    } else if (c === ':' && text[i + 1] === ':') {
      i += 2;
      push('punct', start);
    } else if ('()[],;:.'.includes(c)) {
      i++;
      push('punct', start);
    } else if (operatorChar.test(c)) {
      // As in PostgreSQL, `--` or `/*` inside an operator starts a comment.
      while (i < text.length && operatorChar.test(text[i]!) && !text.startsWith('--', i) && !text.startsWith('/*', i)) i++;
      push('operator', start);
    } else throw new LexError(`Unexpected character ${JSON.stringify(c)} at position ${i + 1}`);
  }
  return tokens;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end + 1;
}

/** Block comments nest in PostgreSQL. */
function blockCommentEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text.startsWith('/*', i)) {
      depth++;
      i++;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  throw new LexError('Unterminated comment');
}

function stringEnd(text: string, quote: number, backslashEscapes: boolean): number {
  for (let i = quote + 1; i < text.length; i++) {
    if (backslashEscapes && text[i] === '\\') i++;
    else if (text[i] === "'") {
      if (text[i + 1] !== "'") return i + 1;
      i++;
    }
  }
  throw new LexError('Unterminated string');
}

function quotedEnd(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    if (text[i] === '"') {
      if (text[i + 1] !== '"') return i + 1;
      i++;
    }
  }
  throw new LexError('Unterminated quoted identifier');
}

function dollarQuoteEnd(text: string, from: number): number {
  const tag = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(text.slice(from));
  if (!tag) throw new LexError(`Unexpected character "$" at position ${from + 1}`);
  const end = text.indexOf(tag[0], from + tag[0].length);
  if (end < 0) throw new LexError('Unterminated dollar-quoted string');
  return end + tag[0].length;
}

/** Splits at `;` outside quotes and comments; empty statements (`;;`) do not count. */
export function statements(tokens: Token[]): Token[][] {
  const result: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'punct' && token.value === ';') result.push([]);
    else result.at(-1)!.push(token);
  }
  return result.filter((statement) => statement.length > 0);
}

const is = (token: Token | undefined, kind: TokenKind, ...values: string[]) => token?.kind === kind && (values.length === 0 || values.includes(token.value));
const isWord = (token: Token | undefined, ...values: string[]) => is(token, 'word', ...values);
const isPunct = (token: Token | undefined, value: string) => is(token, 'punct', value);

/** Where each `(` closes, or an error if brackets do not pair. */
export function matchingParens(tokens: Token[]): Map<number, number> {
  const open: number[] = [];
  const pairs = new Map<number, number>();
  tokens.forEach((token, index) => {
    if (isPunct(token, '(')) open.push(index);
    else if (isPunct(token, ')')) {
      const from = open.pop();
      if (from === undefined) throw new LexError(`Unbalanced ")" at position ${token.start + 1}`);
      pairs.set(from, index);
    }
  });
  if (open.length > 0) throw new LexError(`Unclosed "(" at position ${tokens[open.at(-1)!]!.start + 1}`);
  return pairs;
}

export type StatementKind = 'select' | 'other';
const statementWords = ['select', 'values', 'table', 'insert', 'update', 'delete', 'merge'];

/**
 * A query, not a command: it starts with SELECT, VALUES or TABLE (after any parentheses), or with WITH and
 * its main statement (the first statement word outside the CTEs' parentheses) is one of those, and no CTE
 * is an INSERT, UPDATE, DELETE or MERGE.
 */
export function statementKind(tokens: Token[]): StatementKind {
  const first = tokens.find((token) => !isPunct(token, '('));
  if (isWord(first, 'select', 'values', 'table')) return 'select';
  if (!isWord(first, 'with')) return 'other';
  let depth = 0;
  let main: Token | undefined;
  for (const [index, token] of tokens.entries()) {
    if (isPunct(token, '(')) {
      depth++;
      const before = tokens[index - 1];
      if ((isWord(before, 'as', 'materialized')) && isWord(tokens[index + 1], 'insert', 'update', 'delete', 'merge')) return 'other';
    } else if (isPunct(token, ')')) depth--;
    else if (depth === 0 && isWord(token, ...statementWords)) {
      main = token;
      break;
    }
  }
  return isWord(main, 'select', 'values', 'table') ? 'select' : 'other';
}

/*
 * Words that PostgreSQL's grammar lets stand before `(` without a function call: clauses and operators
 * (`IN (`, `OVER (`, `FILTER (`), SQL-standard forms the grammar turns into calls it names itself
 * (`EXTRACT(`, `COALESCE(`, `TRIM(`), and types with a modifier (`numeric(10, 2)`). Those that are also
 * function names in pg_catalog (`left`, `substring`, `numeric` …) are all pure.
 */
const syntaxWords = new Set([
  'all', 'and', 'any', 'array', 'as', 'between', 'by', 'case', 'cast', 'coalesce', 'cross', 'cube', 'distinct', 'else',
  'escape', 'except', 'exists', 'extract', 'filter', 'first', 'for', 'from', 'full', 'greatest', 'group', 'grouping',
  'groups', 'having', 'ilike', 'in', 'inner', 'intersect', 'is', 'join', 'lateral', 'least', 'left', 'like', 'limit',
  'materialized', 'natural', 'next', 'not', 'nullif', 'offset', 'on', 'only', 'or', 'order', 'outer', 'over', 'overlaps',
  'overlay', 'partition', 'position', 'range', 'repeatable', 'right', 'rollup', 'row', 'rows', 'select', 'sets',
  'similar', 'some', 'substring', 'then', 'to', 'trim', 'union', 'using', 'values', 'when', 'where', 'window', 'with',
  'within', 'zone', 'normalize',
  'bit', 'char', 'character', 'current_time', 'current_timestamp', 'dec', 'decimal', 'float', 'interval', 'localtime',
  'localtimestamp', 'nchar', 'numeric', 'second', 'time', 'timestamp', 'varchar', 'varying',
]);

export interface FunctionCall {
  name: string;
  start: number;
}

/**
 * The calls a text makes that the allow-list does not hold, in order. A call is a name before `(` unless
 * the grammar says otherwise: a syntax word, a type after `::` or AS (`CAST(x AS numeric(5))`, and an
 * alias's column list `AS t(a, b)`), a sampling method after TABLESAMPLE, or a CTE's name with its column
 * list (`WITH t(a) AS (`). A call qualified by any schema but pg_catalog is refused whatever its name.
 */
export function disallowedCalls(tokens: Token[]): FunctionCall[] {
  const parens = matchingParens(tokens);
  const refused: FunctionCall[] = [];
  tokens.forEach((token, index) => {
    if (!isPunct(tokens[index + 1], '(') || (token.kind !== 'word' && token.kind !== 'quoted')) return;
    const before = tokens[index - 1];
    if (token.kind === 'word' && syntaxWords.has(token.value)) return;
    if (isPunct(before, '::') || isWord(before, 'as', 'tablesample')) return;
    if (isCteName(tokens, index, parens)) return;
    if (isPunct(before, '.')) {
      const schema = tokens[index - 2];
      const qualifier = schema && (schema.kind === 'word' || schema.kind === 'quoted') ? schema.value : '';
      if (qualifier !== 'pg_catalog') {
        refused.push({ name: `${qualifier}.${token.value}`, start: token.start });
        return;
      }
    }
    if (!allowedFunctions.has(token.value)) refused.push({ name: token.value, start: token.start });
  });
  return refused;
}

/**
 * `WITH name(a, b) AS [NOT] [MATERIALIZED] (`: after the column list come AS and the CTE's own `(`, and
 * before the name, at its own depth, the WITH of its clause comes sooner than any SELECT.
 */
function isCteName(tokens: Token[], index: number, parens: Map<number, number>): boolean {
  const close = parens.get(index + 1);
  if (close === undefined || !isWord(tokens[close + 1], 'as')) return false;
  let next = close + 2;
  if (isWord(tokens[next], 'not')) next++;
  if (isWord(tokens[next], 'materialized')) next++;
  if (!isPunct(tokens[next], '(')) return false;
  let depth = 0;
  for (let back = index - 1; back >= 0; back--) {
    const token = tokens[back]!;
    if (isPunct(token, ')')) depth++;
    else if (isPunct(token, '(')) {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && isWord(token, 'with')) return true;
    else if (depth === 0 && isWord(token, ...statementWords)) return false;
  }
  return false;
}
