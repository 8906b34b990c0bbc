/**
 * A formatted reference: citeproc's HTML read as text runs, `<i>` kept as
 * italics and every other tag dropped, so no markup from a bibliography entry
 * reaches the page.
 */
export function Reference({ html }: { html: string }) {
  return (
    <>
      {referenceParts(html).map((part, index) => (part.italic ? <i key={index}>{part.text}</i> : part.text))}
    </>
  );
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#38;": "&" };
const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&(?:amp|lt|gt|quot|#39|#38);/g, (entity) => ENTITIES[entity]!);

export function referenceParts(html: string): Array<{ text: string; italic: boolean }> {
  return html
    .split(/(<i>.*?<\/i>)/)
    .filter(Boolean)
    .map((part) => ({ text: text(part), italic: part.startsWith("<i>") }));
}

/** The reference as plain text, as its reader sees it: runs of spaces read as one, as HTML shows them. */
export function referenceText(html: string): string {
  return referenceParts(html)
    .map((part) => part.text)
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}
