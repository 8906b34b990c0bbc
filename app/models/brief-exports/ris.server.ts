/** The works the brief cites as RIS, for reference managers that read no BibTeX. */
import type { BriefDocument } from "../brief.server";

const RIS_TYPES: Record<string, string> = {
  "article-journal": "JOUR",
  "article-magazine": "MGZN",
  "article-newspaper": "NEWS",
  book: "BOOK",
  chapter: "CHAP",
  report: "RPRT",
  thesis: "THES",
  webpage: "ELEC",
  "entry-encyclopedia": "ENCYC",
  entry: "ENCYC",
  "paper-conference": "CPAPER",
  legislation: "BILL",
};

type CslName = { family?: string; given?: string; literal?: string };
type CslDate = { "date-parts"?: number[][] };

const risDate = (date: CslDate | undefined) => date?.["date-parts"]?.[0]?.map((part) => String(part).padStart(2, "0")).join("/");

/** One RIS record per work; tags from the RIS specification, values on one line each. */
export function briefRis({ brief }: BriefDocument): string {
  const records = brief.works.map((source) => {
    const csl = source.csl as Record<string, unknown>;
    const line = (tag: string, value: unknown) => (value === undefined || value === "" ? [] : [`${tag}  - ${String(value).replace(/\s+/g, " ").trim()}`]);
    const names = (csl.author as CslName[] | undefined) ?? [];
    const [start, end] = String(csl.page ?? "").split(/[-–]+/);
    return [
      ...line("TY", RIS_TYPES[String(csl.type)] ?? "GEN"),
      ...line("ID", source.key),
      ...names.flatMap((name) => line("AU", name.literal ?? [name.family, name.given].filter(Boolean).join(", "))),
      ...line("TI", csl.title),
      ...line("T2", csl["container-title"]),
      ...line("PY", (csl.issued as CslDate | undefined)?.["date-parts"]?.[0]?.[0]),
      ...line("VL", csl.volume),
      ...line("IS", csl.issue),
      ...line("SP", start),
      ...line("EP", end),
      ...line("PB", csl.publisher),
      ...line("CY", csl["publisher-place"]),
      ...line("SN", csl.ISBN ?? csl.ISSN),
      ...line("DO", csl.DOI),
      ...line("UR", csl.URL),
      ...line("Y2", risDate(csl.accessed as CslDate | undefined)),
      ...line("N1", csl.note),
      "ER  - ",
    ].join("\r\n");
  });
  return `${records.join("\r\n\r\n")}\r\n`;
}
