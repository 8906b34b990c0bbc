/**
 * What a URL written in the content is. Browsers ignore ASCII whitespace and
 * control characters inside a scheme and decode entities before reading it,
 * so the scheme is read the same way: `jav&#x09;ascript:` is `javascript:`.
 */
const SAFE_SCHEMES = new Set(["http", "https", "mailto"]);
const SCHEME = /^([a-z][a-z0-9+.-]*):/;
/** A cross-link: a relative path to a Markdown file, a fragment, or both. */
const CROSS_LINK = /^(?:[\w.~-]+\/)*[\w.~-]+\.md(?:#[^#]*)?$|^#[^#]+$/i;

export type UrlKind = "external" | "cross-link" | "unsafe";

function decoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

export function classifyUrl(url: string): UrlKind {
  // eslint-disable-next-line no-control-regex
  const bare = decoded(url).replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, "").toLowerCase();
  const scheme = SCHEME.exec(bare)?.[1];
  if (scheme) return SAFE_SCHEMES.has(scheme) ? "external" : "unsafe";
  if (bare.includes(":")) return "unsafe";
  return CROSS_LINK.test(decoded(url)) ? "cross-link" : "unsafe";
}
