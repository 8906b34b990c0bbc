export interface TermRef {
  id: string;
  names: string[];
  definition: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const escapeAttribute = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * Links the first use of each glossary term in `html` that `explained` does
 * not hold yet, and records it there. Only text outside tags and outside
 * existing links is touched.
 */
export function linkGlossaryTerms(html: string, terms: TermRef[], explained: Set<string>): string {
  const pending = terms.filter((term) => !explained.has(term.id));
  if (pending.length === 0) return html;
  const names = pending
    .flatMap((term) => term.names.map((name) => ({ name, term })))
    .sort((a, b) => b.name.length - a.name.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}-])(${names.map(({ name }) => escapeRegExp(name)).join("|")})(?![\\p{L}\\p{N}-])`, "u");
  let insideLink = 0;
  return html
    .split(/(<[^>]+>)/)
    .map((part) => {
      if (part.startsWith("<")) {
        if (/^<a[\s>]/i.test(part)) insideLink++;
        else if (/^<\/a>/i.test(part)) insideLink--;
        return part;
      }
      if (insideLink > 0) return part;
      let text = part;
      let result = "";
      for (;;) {
        const match = pattern.exec(text);
        if (!match) break;
        const found = names.find(({ name }) => name === match[1]);
        const term = found?.term;
        if (!term || explained.has(term.id)) {
          result += text.slice(0, match.index + match[0].length);
          text = text.slice(match.index + match[0].length);
          continue;
        }
        explained.add(term.id);
        result += `${text.slice(0, match.index)}<a class="term" href="/glossary#${term.id}" title="${escapeAttribute(term.definition)}">${match[1]}</a>`;
        text = text.slice(match.index + match[0].length);
      }
      return result + text;
    })
    .join("");
}
