interface TermRef {
  id: string;
  names: string[];
  definition: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const escapeAttribute = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

interface Matcher {
  pattern: RegExp;
  termByName: Map<string, TermRef>;
}

/** One pattern per glossary, built once: every page render runs it many times. */
const matchers = new WeakMap<TermRef[], Matcher>();

function matcherFor(terms: TermRef[]): Matcher {
  let matcher = matchers.get(terms);
  if (!matcher) {
    const termByName = new Map(terms.flatMap((term) => term.names.map((name) => [name, term] as const)));
    // Longest names first, so "Swedish model" wins over "Swedish".
    const names = [...termByName.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${names.join("|")})(?![\\p{L}\\p{N}-])`, "gu");
    matcher = { pattern, termByName };
    matchers.set(terms, matcher);
  }
  return matcher;
}

/**
 * Links the first use of each glossary term in `html` that `explained` does
 * not hold yet, and records it there. Only text outside tags and outside
 * existing links is touched.
 */
export function linkGlossaryTerms(html: string, terms: TermRef[], explained: Set<string>): string {
  if (terms.length === 0 || explained.size >= terms.length) return html;
  const { pattern, termByName } = matcherFor(terms);
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
      return part.replace(pattern, (name) => {
        const term = termByName.get(name);
        if (!term || explained.has(term.id)) return name;
        explained.add(term.id);
        return `<a class="term" href="/glossary#${term.id}" title="${escapeAttribute(term.definition)}">${name}</a>`;
      });
    })
    .join("");
}
