import type { FastifyRequest } from 'fastify';
import { HttpProblem } from '#kernel/http/problem.ts';
import { badRequest, validationError } from './envelope.ts';

/*
 * CKAN's request dictionary: a GET's query (a repeated key becomes a list), a POST's JSON object or form.
 * Readers below take one parameter each and refuse a wrong one as CKAN does (Validation Error, 409).
 */

export type Params = Readonly<Record<string, unknown>>;

/** CKAN's request dictionary: the query of a GET, the JSON object or form of a POST. */
export function paramsOf(request: FastifyRequest): Params {
  if (request.method === 'GET') return { ...(request.query as Params) };
  const body: unknown = request.body;
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    // A list is named, not printed: printing a list nested thousands deep would overflow the stack.
    const decoded = Array.isArray(body) ? 'a list' : JSON.stringify(body);
    throw badRequest(`Bad request - Request data JSON decoded to ${decoded} but it needs to be a dictionary.`);
  }
  return body as Params;
}

const problem = (key: string, message: string): HttpProblem => validationError({ [key]: message });

export function text(params: Params, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : text({ [key]: value.at(-1) as unknown }, key);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw problem(key, 'Must be a string');
}

export function required(params: Params, key: string): string {
  const value = text(params, key)?.trim();
  if (!value) throw problem(key, 'Missing value');
  return value;
}

/** A natural number, within `max` (CKAN cuts a larger one down rather than refusing it). */
export function natural(params: Params, key: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = text(params, key)?.trim();
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,15}$/.test(value)) throw problem(key, 'Invalid integer');
  return Math.min(Number(value), max);
}

/** A whole number that may be negative (facet.limit: negative means no limit). */
export function integer(params: Params, key: string, fallback: number): number {
  const value = text(params, key)?.trim();
  if (value === undefined || value === '') return fallback;
  if (!/^-?\d{1,15}$/.test(value)) throw problem(key, 'Invalid integer');
  return Number(value);
}

/** CKAN's asbool: true, yes, on, 1 (any case) and their opposites. */
export function flag(params: Params, key: string, fallback = false): boolean {
  const value = text(params, key)?.trim().toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['true', 'yes', 'on', '1', 'y', 't'].includes(value)) return true;
  if (['false', 'no', 'off', '0', 'n', 'f'].includes(value)) return false;
  throw problem(key, 'Value must be one of: true, false');
}

/** A list sent as a JSON array, as a JSON-encoded string (over GET), as repeated keys or as one value. */
export function list(params: Params, key: string): string[] | undefined {
  const value = params[key];
  if (value === undefined || value === null || value === '') return undefined;
  const items = Array.isArray(value) ? value : typeof value === 'string' && value.trim().startsWith('[') ? parseJsonList(key, value) : [value];
  if (items.some((item) => typeof item !== 'string')) throw problem(key, 'Must be a list of strings');
  return items as string[];
}

function parseJsonList(key: string, value: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed;
  } catch {
    // Falls through to the refusal below.
  }
  throw problem(key, 'Must be a JSON list');
}

/** A dictionary given as an object or as a JSON-encoded string (datastore_search's filters over GET). */
export function dictionary(params: Params, key: string): Record<string, unknown> | undefined {
  let value = params[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw problem(key, 'Must be a JSON object');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw problem(key, 'Must be a JSON object');
  return value as Record<string, unknown>;
}
