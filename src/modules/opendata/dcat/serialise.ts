import jsonld from 'jsonld';
import { Writer, type Quad } from 'n3';
import { ns } from './vocabularies.ts';

/*
 * The three serialisations harvesters ask for. Turtle and JSON-LD come from n3 and jsonld. RDF/XML is written
 * here: rdflib's serialiser drops literal datatypes and nests typed blank nodes wrongly, and a flat
 * `rdf:Description` per subject is all a harvester needs (ckanext-dcat's parser and GovData's read it).
 */

export type RdfFormat = 'ttl' | 'rdf' | 'jsonld';

export const contentTypes: Record<RdfFormat, string> = {
  ttl: 'text/turtle; charset=utf-8',
  rdf: 'application/rdf+xml; charset=utf-8',
  jsonld: 'application/ld+json; charset=utf-8',
};

const prefixes = { ...ns } as Record<string, string>;

export function toTurtle(quads: readonly Quad[]): Promise<string> {
  const writer = new Writer({ prefixes });
  writer.addQuads([...quads]);
  return new Promise((resolve, reject) => writer.end((error: Error | null, result: string) => (error ? reject(error) : resolve(result))));
}

function toNQuads(quads: readonly Quad[]): Promise<string> {
  const writer = new Writer({ format: 'N-Quads' });
  writer.addQuads([...quads]);
  return new Promise((resolve, reject) => writer.end((error: Error | null, result: string) => (error ? reject(error) : resolve(result))));
}

/** JSON-LD compacted with the prefixes, so a reader sees `dcat:Dataset` rather than full IRIs. */
export async function toJsonLd(quads: readonly Quad[]): Promise<string> {
  const expanded = await jsonld.fromRDF(await toNQuads(quads), { format: 'application/n-quads' });
  const compacted = await jsonld.compact(expanded, { '@context': prefixes });
  return JSON.stringify(compacted, null, 2);
}

const xmlEscape = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;');

/** `prefix:local` for a predicate; RDF/XML cannot name a property any other way. */
function qname(predicate: string): string {
  for (const [prefix, base] of Object.entries(ns)) {
    const local = predicate.slice(base.length);
    if (predicate.startsWith(base) && /^[A-Za-z_][\w.-]*$/.test(local)) return `${prefix}:${local}`;
  }
  throw new Error(`No prefix for the property ${predicate}`);
}

export function toRdfXml(quads: readonly Quad[]): string {
  const bySubject = new Map<string, Quad[]>();
  for (const one of quads) {
    const key = `${one.subject.termType}|${one.subject.value}`;
    bySubject.set(key, [...(bySubject.get(key) ?? []), one]);
  }
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<rdf:RDF'];
  lines.push(...Object.entries(ns).map(([prefix, base]) => `  xmlns:${prefix}="${xmlEscape(base)}"`));
  lines[lines.length - 1] += '>';
  for (const group of bySubject.values()) {
    const subject = group[0]!.subject;
    const about = subject.termType === 'BlankNode' ? `rdf:nodeID="${xmlEscape(subject.value)}"` : `rdf:about="${xmlEscape(subject.value)}"`;
    lines.push(`  <rdf:Description ${about}>`);
    for (const { predicate, object } of group) {
      const name = qname(predicate.value);
      if (object.termType === 'NamedNode') lines.push(`    <${name} rdf:resource="${xmlEscape(object.value)}"/>`);
      else if (object.termType === 'BlankNode') lines.push(`    <${name} rdf:nodeID="${xmlEscape(object.value)}"/>`);
      else if (object.termType === 'Literal') {
        const attribute = object.language
          ? ` xml:lang="${xmlEscape(object.language)}"`
          : object.datatype.value === `${ns.xsd}string`
            ? ''
            : ` rdf:datatype="${xmlEscape(object.datatype.value)}"`;
        lines.push(`    <${name}${attribute}>${xmlEscape(object.value)}</${name}>`);
      }
    }
    lines.push('  </rdf:Description>');
  }
  lines.push('</rdf:RDF>', '');
  return lines.join('\n');
}

export async function serialise(quads: readonly Quad[], format: RdfFormat): Promise<string> {
  switch (format) {
    case 'ttl':
      return toTurtle(quads);
    case 'rdf':
      return toRdfXml(quads);
    case 'jsonld':
      return toJsonLd(quads);
  }
}
