import { referenceParts } from "~/lib/reference-text";

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
