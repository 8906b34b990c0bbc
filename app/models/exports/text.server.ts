import type { Item, Source } from "~/compiler/model";
import { apaInText } from "../brief.server";

/** An item's text with its citations kept, as APA in-text citations: "… (Smith, 2020, Findings)". */
export function itemText(item: Item, sources: Map<string, Source>): string {
  return [item.text, ...item.citations.map((citation) => apaInText(citation, sources))].join(" ");
}
