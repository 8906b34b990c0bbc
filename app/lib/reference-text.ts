/**
 * citeproc's HTML entry read as text runs, `<i>` kept as italics and every
 * other tag dropped: for the page (`Reference`), the Word export and the copy
 * buttons, so no markup from a bibliography entry reaches any of them.
 */
import { htmlText } from "~/compiler/html-text";

export function referenceParts(html: string): Array<{ text: string; italic: boolean }> {
  return html
    .split(/(<i>.*?<\/i>)/)
    .filter(Boolean)
    .map((part) => ({ text: htmlText(part), italic: part.startsWith("<i>") }));
}

/** The reference as plain text, as its reader sees it: runs of spaces read as one, as HTML shows them. */
export function referenceText(html: string): string {
  return referenceParts(html)
    .map((part) => part.text)
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}
