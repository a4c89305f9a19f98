import { renderToString } from 'preact-render-to-string';
import type { LetterBlock } from '#kernel/pdf/letter.ts';

/** Plain text as the primary part: it reads well in every mail program and in screen readers. */
export function emailText(blocks: readonly LetterBlock[], footer: string[]): string {
  const parts = blocks.map((block) => (block.kind === 'paragraph' ? block.text : block.items.map((item) => `• ${item}`).join('\n')));
  return `${parts.join('\n\n')}\n\n--\n${footer.join('\n')}\n`;
}

/** The HTML part: semantic paragraphs and lists, the document's language, no images, no layout tables. */
export function emailHtml(input: { lang: string; subject: string; blocks: readonly LetterBlock[]; link?: { href: string; label: string }; footer: string[] }): string {
  return `<!DOCTYPE html>${renderToString(
    <html lang={input.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{input.subject}</title>
      </head>
      <body style="font-family: 'Fira Sans', Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1b1b1b; max-width: 40em;">
        <main>
          {input.blocks.map((block, index) =>
            block.kind === 'paragraph' ? (
              <p key={index}>
                {block.text.split('\n').map((line, i) => (
                  <>
                    {i > 0 ? <br /> : null}
                    {line}
                  </>
                ))}
              </p>
            ) : (
              <ul key={index}>
                {block.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            ),
          )}
          {input.link ? (
            <p>
              <a href={input.link.href} style="color: #0b4f9c;">
                {input.link.label}
              </a>
            </p>
          ) : null}
        </main>
        <footer style="margin-top: 2em; font-size: 14px; color: #4a4a4a;">
          {input.footer.map((line) => (
            <p key={line} style="margin: 0;">
              {line}
            </p>
          ))}
        </footer>
      </body>
    </html>,
  )}`;
}
