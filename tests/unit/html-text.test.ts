import { describe, expect, it } from "vitest";
import { decodeEntities, htmlText } from "~/compiler/html-text";
import { referenceParts, referenceText } from "~/lib/reference-text";

describe("reading back the HTML the compiler and citeproc write", () => {
  it("decodes named references and numeric ones in decimal and hex, and leaves unknown ones as written", () => {
    // rehype-stringify writes hex references, citeproc decimal and named ones.
    expect(decodeEntities("&#x22;Rescue&#x22; &#x26; &#x3C;raids&#x3E; &#39;x&#39; &#38; &amp; &lt;&gt; &quot;q&quot;&nbsp;&#128512;")).toBe(
      `"Rescue" & <raids> 'x' & & <> "q"\u00a0😀`,
    );
    expect(decodeEntities("&bogus; &#x110000; AT&T")).toBe("&bogus; &#x110000; AT&T");
  });

  it("drops tags, reading a block's edge as a space and an inline tag as nothing", () => {
    expect(htmlText("<p>One.</p><p>Two <a class=\"term\" href=\"/glossary#x\">terms</a>,<br>three</p><ul><li>a</li><li>b</li></ul>")).toBe(" One.  Two terms, three   a  b  ");
    expect(htmlText("Smith, J. (2020). <i>A title</i>. Press &amp; Co.")).toBe("Smith, J. (2020). A title. Press & Co.");
  });

  it("reads a reference entry as runs with its italics, and as one line of text", () => {
    const entry = "Agustin, L. (2008). <i>Sex at the Margins: Rescue &amp; Labour</i>.\n <span>Zed</span> Books.";
    expect(referenceParts(entry)).toEqual([
      { text: "Agustin, L. (2008). ", italic: false },
      { text: "Sex at the Margins: Rescue & Labour", italic: true },
      { text: ".\n Zed Books.", italic: false },
    ]);
    expect(referenceText(entry)).toBe("Agustin, L. (2008). Sex at the Margins: Rescue & Labour. Zed Books.");
  });
});
