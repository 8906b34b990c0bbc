/** Compiled, sanitized HTML from the content, its glossary links already chosen by the page's loader. */
export function Prose({ html, className }: { html: string; className?: string }) {
  if (!html) return null;
  return <div className={className ?? "prose"} dangerouslySetInnerHTML={{ __html: html }} />;
}
