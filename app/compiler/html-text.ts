/**
 * Reading back the HTML the compiler and citeproc write (prose, reference
 * entries): one decoder for the page, the search index, the exports and the
 * tests, so none of them meets a character reference another does not know.
 */

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Decodes the character references in `text`: the named ones HTML writers use, and any numeric one (`&#39;`, `&#x27;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([\da-f]+)|([a-z]+));/gi, (reference, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name] ?? reference;
    const code = Number.parseInt(decimal ?? hex!, decimal ? 10 : 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : reference;
  });
}

/** Tags that end a line of text: their words must not run into the next block's. */
const BLOCK = /<\/?(?:p|div|li|ul|ol|br|h[1-6]|blockquote|pre|table|tr|td|th|dd|dt)\b[^>]*>/gi;

/** The text of an HTML fragment: tags dropped (a block's edge read as a space), character references decoded. */
export function htmlText(html: string): string {
  return decodeEntities(html.replace(BLOCK, " ").replace(/<[^>]+>/g, ""));
}
