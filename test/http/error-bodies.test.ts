import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * No route builds an error body of its own: routes throw `HttpProblem` (or let a service's `AccessDenied`
 * through), and the kernel answers in the format of the route's scope. A route that writes the body itself
 * would answer its API's clients in a shape the OpenAPI description does not name.
 */

const src = path.resolve(import.meta.dirname, '../../src');

/** Files that hold routes: `routes.ts`, `routes.staff.tsx` …, and any adapter folder's routes. */
async function routeFiles(): Promise<string[]> {
  const entries = await fs.readdir(src, { recursive: true });
  return entries.filter((entry) => /^routes[\w.-]*\.tsx?$/.test(path.basename(entry)) && !entry.includes('.test.')).map((entry) => path.join(src, entry));
}

const handBuilt: { pattern: RegExp; what: string }[] = [
  { pattern: /\.(?:status|code)\(\s*[45]\d\d\s*\)\s*\.\s*send\(/, what: 'sends a body with an error status' },
  { pattern: /\.send\(\s*\{[^}]*?\b(?:statusCode|error|message|detail|problems|errors|fields|success)\s*:/, what: 'sends an object shaped like an error' },
  { pattern: /\bstatusCode\s*:\s*(?:[45]\d\d|status\b|refusal)/, what: 'writes a status code into a body' },
  { pattern: /\bstatus\s*:\s*[45]\d\d\s*,\s*(?:title|detail|type)\s*:/, what: 'builds problem details by hand' },
];

/** Each line of a file that hand-builds an error body, with what it does. */
function findings(text: string): string[] {
  return text.split('\n').flatMap((line, index) => handBuilt.filter(({ pattern }) => pattern.test(line)).map(({ what }) => `${index + 1}: ${what}: ${line.trim()}`));
}

describe('error bodies', () => {
  it('are built by the kernel only, never by a route', async () => {
    const files = await routeFiles();
    expect(files.length).toBeGreaterThan(5);
    const found: string[] = [];
    for (const file of files) for (const finding of findings(await fs.readFile(file, 'utf8'))) found.push(`${path.relative(src, file)}:${finding}`);
    expect(found).toEqual([]);
  });

  it('are recognised in the shapes they used to take', () => {
    expect(findings("if (!result.ok) return reply.status(422).send({ statusCode: 422, error: t('x'), message, problems });")).toHaveLength(3);
    expect(findings('return reply.code(404).send(body);')).toHaveLength(1);
    expect(findings('return reply.status(refusal.status).send({ message: request.t(refusal.key) });')).toHaveLength(1);
    expect(findings("reply.send({ type: 'about:blank', status: 404, title: 'Nicht gefunden' });")).toHaveLength(1);
    // What routes do send is left alone: data, pages, files.
    expect(findings('return reply.status(result.duplicate ? 200 : 201).send({ id: result.messageId, reference });')).toEqual([]);
    expect(findings("return reply.status(422).html({ title, hasErrors: true }, <Page errors={errors} />);")).toEqual([]);
    expect(findings('return ctx.files.send(reply, { fileId, filename, actor });')).toEqual([]);
  });
});
