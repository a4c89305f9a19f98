/*
 * Reads a multipart/form-data body (RFC 7578) into text fields, for the catalogue import's file upload.
 * The platform has no multipart plugin; this form has one file and the CSRF token, both text, so a small
 * reader that refuses anything unexpected is enough. Returns null for a body it cannot read.
 */
export function parseMultipart(body: Buffer, contentType: string | undefined): Record<string, string> | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return null;
  const delimiter = Buffer.from(`--${marker}`);
  const fields: Record<string, string> = {};
  let position = body.indexOf(delimiter);
  if (position < 0) return null;
  for (;;) {
    position += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body.subarray(position, position + 2).toString() === '--') return fields;
    const headersEnd = body.indexOf('\r\n\r\n', position);
    const next = body.indexOf(delimiter, position);
    if (headersEnd < 0 || next < 0 || headersEnd > next) return null;
    const headers = body.subarray(position, headersEnd).toString('utf8');
    const name = /content-disposition:\s*form-data;[^\r\n]*?\bname="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) return null;
    // The part's content ends with the CRLF that precedes the next delimiter.
    fields[name] = body.subarray(headersEnd + 4, next - 2).toString('utf8');
    position = next;
  }
}
