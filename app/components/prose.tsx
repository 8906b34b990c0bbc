import { linkGlossaryTerms } from "~/lib/glossary-links";
import { usePageRefs } from "./refs";

/** Compiled, sanitized HTML from the content, with glossary terms linked on first use. */
export function Prose({ html, className }: { html: string; className?: string }) {
  const { refs, explained } = usePageRefs();
  if (!html) return null;
  return <div className={className ?? "prose"} dangerouslySetInnerHTML={{ __html: linkGlossaryTerms(html, refs.terms, explained) }} />;
}
