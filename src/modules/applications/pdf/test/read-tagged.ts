import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One structure element that holds text, in the order a screen reader reads the document. */
export interface TaggedText {
  role: string;
  /** Roles of the elements above it, outermost first (`Document`, `Sect`, `Table`, `TR`). */
  path: string[];
  /** Its text on every page it runs over. */
  text: string;
  /** Its actual or alternative text, which a screen reader reads instead of what is drawn. */
  alt?: string;
  lang?: string;
}

export interface PlacedText {
  page: number;
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ReadTagged {
  /** The catalogue's /MarkInfo dictionary, as PDF.js reads it. */
  markInfo: { Marked: boolean } | null;
  /** The document's language as its catalogue declares it. */
  lang: string | null;
  hasStructTreeRoot: boolean;
  displayDocTitle: boolean;
  /** Elements with text, in the order of the structure tree. */
  elements: TaggedText[];
  /** Every piece of text drawn, with where it lies (PDF units, origin bottom left). */
  placed: PlacedText[];
  /** Text drawn outside any marked content: neither in the structure nor an artifact. */
  untagged: string[];
  page: { width: number; height: number };
}

type ContentItem = { type: 'beginMarkedContent' | 'beginMarkedContentProps' | 'endMarkedContent'; id?: string | null; tag?: string } | { str: string; transform: number[]; width: number; height: number; hasEOL: boolean };

/**
 * Reads what a screen reader gets from a PDF: the whole structure tree in order, each element with the text
 * of its marked content on every page (PDF.js shows the tree page by page only, so the tree is read from the
 * file's objects, which pdfkit writes uncompressed), the catalogue's marks of a tagged PDF, and every text
 * with its position.
 */
export async function readTagged(content: Uint8Array): Promise<ReadTagged> {
  const objects = parseObjects(Buffer.from(content).toString('latin1'));
  const document = await getDocument({ data: new Uint8Array(content), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const texts = new Map<string, string>();
  const placed: PlacedText[] = [];
  const untagged: string[] = [];
  let size = { width: 0, height: 0 };

  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const [, , width, height] = page.view as [number, number, number, number];
    size = { width, height };
    const open: (string | null)[] = [];
    for (const item of (await page.getTextContent({ includeMarkedContent: true })).items as ContentItem[]) {
      if ('type' in item) {
        if (item.type === 'endMarkedContent') open.pop();
        else open.push(item.id ? `${page.ref?.num}:${item.id.replace(/^.*_mc/, '')}` : item.tag === 'Artifact' ? 'artifact' : null);
        continue;
      }
      if (item.str === '') continue;
      placed.push({ page: number, str: item.str, x: item.transform[4]!, y: item.transform[5]!, width: item.width, height: item.height });
      const inside = open.findLast((id) => id !== null);
      if (inside === undefined) untagged.push(item.str);
      // PDF.js leaves the space at a line's end out and marks the end instead, as a screen reader pauses there.
      else if (inside !== 'artifact') texts.set(inside, `${texts.get(inside) ?? ''}${item.str}${item.hasEOL ? ' ' : ''}`);
    }
  }

  const catalogue = dictOf([...objects.values()].find((object) => nameOf(dictOf(object)?.Type) === 'Catalog'));
  const elements: TaggedText[] = [];
  const walk = (value: PdfValue | undefined, path: string[]) => {
    const element = dictOf(resolve(objects, value));
    if (!element) return;
    const role = nameOf(element.S);
    const kids = Array.isArray(element.K) ? element.K : element.K === undefined ? [] : [element.K];
    const pageOf = (page: PdfValue | undefined) => (isRef(page) ? page.ref : undefined);
    const parts: string[] = [];
    for (const kid of kids) {
      const reference = dictOf(kid);
      if (typeof kid === 'number') parts.push(texts.get(`${pageOf(element.Pg)}:${kid}`) ?? '');
      else if (reference && nameOf(reference.Type) === 'MCR' && typeof reference.MCID === 'number') parts.push(texts.get(`${pageOf(reference.Pg)}:${reference.MCID}`) ?? '');
    }
    if (role && parts.length > 0) {
      const alt = stringOf(element.ActualText) ?? stringOf(element.Alt);
      const lang = stringOf(element.Lang);
      elements.push({ role, path, text: parts.join(' ').replace(/\s+/g, ' ').trim(), ...(alt ? { alt } : {}), ...(lang ? { lang } : {}) });
    }
    for (const kid of kids) if (isRef(kid)) walk(kid, role ? [...path, role] : path);
  };
  const root = dictOf(resolve(objects, catalogue?.StructTreeRoot));
  for (const kid of Array.isArray(root?.K) ? root.K : root?.K ? [root.K] : []) walk(kid, []);

  return {
    markInfo: await document.getMarkInfo(),
    lang: stringOf(catalogue?.Lang) ?? null,
    hasStructTreeRoot: root !== undefined && nameOf(root.Type) === 'StructTreeRoot',
    displayDocTitle: dictOf(resolve(objects, catalogue?.ViewerPreferences))?.DisplayDocTitle === true,
    elements,
    placed,
    untagged,
    page: size,
  };
}

/*
 * Just enough of PDF's object syntax for the dictionaries pdfkit writes: numbers, names, references,
 * literal strings (UTF-16 with a byte order mark, or ASCII), arrays, dictionaries, booleans.
 */
type PdfValue = number | boolean | null | { name: string } | { ref: number } | { text: string } | PdfValue[] | { dict: Record<string, PdfValue> };

const isRef = (value: PdfValue | undefined): value is { ref: number } => typeof value === 'object' && value !== null && 'ref' in value;
const nameOf = (value: PdfValue | undefined) => (typeof value === 'object' && value !== null && 'name' in value ? value.name : undefined);
const stringOf = (value: PdfValue | undefined) => (typeof value === 'object' && value !== null && 'text' in value ? value.text : undefined);
const dictOf = (value: PdfValue | undefined) => (typeof value === 'object' && value !== null && 'dict' in value ? value.dict : undefined);
const resolve = (objects: Map<number, PdfValue>, value: PdfValue | undefined) => (isRef(value) ? objects.get(value.ref) : value);

function parseObjects(raw: string): Map<number, PdfValue> {
  const objects = new Map<number, PdfValue>();
  for (const match of raw.matchAll(/(\d+) 0 obj\s*([^]*?)\s*(?:stream\r?\n[^]*?endstream\s*)?endobj/g)) {
    const body = match[2]!;
    if (!body.startsWith('<<') && !body.startsWith('[')) continue;
    objects.set(Number(match[1]), new Parser(body).value());
  }
  return objects;
}

class Parser {
  private at = 0;
  constructor(private readonly source: string) {}

  value(): PdfValue {
    this.skip();
    const rest = this.source.slice(this.at);
    if (rest.startsWith('<<')) return this.dict();
    if (rest.startsWith('[')) return this.array();
    if (rest.startsWith('(')) return { text: this.literal() };
    if (rest.startsWith('<')) return { text: this.hex() };
    if (rest.startsWith('/')) return { name: this.token().slice(1) };
    const ref = /^(\d+) (\d+) R/.exec(rest);
    if (ref) {
      this.at += ref[0].length;
      return { ref: Number(ref[1]) };
    }
    const word = this.token();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    return Number(word);
  }

  private dict(): PdfValue {
    this.at += 2;
    const dict: Record<string, PdfValue> = {};
    for (this.skip(); !this.source.startsWith('>>', this.at); this.skip()) {
      const key = this.token().slice(1);
      dict[key] = this.value();
    }
    this.at += 2;
    return { dict };
  }

  private array(): PdfValue[] {
    this.at += 1;
    const items: PdfValue[] = [];
    for (this.skip(); this.source[this.at] !== ']'; this.skip()) items.push(this.value());
    this.at += 1;
    return items;
  }

  private literal(): string {
    const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
    let bytes = '';
    let depth = 0;
    for (this.at += 1; ; this.at += 1) {
      const char = this.source[this.at]!;
      if (char === '\\') {
        const next = this.source[++this.at]!;
        const octal = /^[0-7]{1,3}/.exec(this.source.slice(this.at));
        if (octal) {
          bytes += String.fromCharCode(parseInt(octal[0], 8));
          this.at += octal[0].length - 1;
        } else bytes += escapes[next] ?? next;
      } else if (char === '(') {
        depth += 1;
        bytes += char;
      } else if (char === ')') {
        if (depth === 0) break;
        depth -= 1;
        bytes += char;
      } else bytes += char;
    }
    this.at += 1;
    return decode(bytes);
  }

  private hex(): string {
    const end = this.source.indexOf('>', this.at);
    const digits = this.source.slice(this.at + 1, end).replace(/\s+/g, '');
    this.at = end + 1;
    return decode(Buffer.from(digits, 'hex').toString('latin1'));
  }

  private token(): string {
    const match = /^\/?[^\s/<>[\]()]+|^\//.exec(this.source.slice(this.at))!;
    this.at += match[0].length;
    return match[0];
  }

  private skip() {
    while (/\s/.test(this.source[this.at] ?? '')) this.at += 1;
  }
}

function decode(bytes: string): string {
  if (!bytes.startsWith('\xfe\xff')) return bytes;
  const buffer = Buffer.from(bytes.slice(2), 'latin1');
  return buffer.swap16().toString('utf16le');
}
