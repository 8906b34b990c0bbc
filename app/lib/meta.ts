import type { MetaDescriptor } from "@remix-run/node";

/** Title, description and Open Graph tags, so a shared link says what it points at. */
export function pageMeta(title: string, description: string): MetaDescriptor[] {
  const full = title === "Counterpoint" ? title : `${title} · Counterpoint`;
  return [
    { title: full },
    { name: "description", content: description },
    { property: "og:title", content: full },
    { property: "og:description", content: description },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "Counterpoint" },
  ];
}
