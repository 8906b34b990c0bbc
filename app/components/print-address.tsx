import { useLocation } from "@remix-run/react";
import { useEffect, useState, type CSSProperties } from "react";

/**
 * On paper, where the page came from and when: the address and the date it
 * was printed, in the footer of every printed page (an @page margin box,
 * app.css, reads `--print-footer` from the root element). The server knows
 * the path; the browser fills in the full address and the reader's date.
 */
export function printFooterStyle(pathWithSearch: string): CSSProperties {
  return { "--print-footer": cssString(pathWithSearch) } as CSSProperties;
}

/** The same at the end of the page, for browsers that print no margin boxes. */
export function PrintAddress() {
  const location = useLocation();
  const [printed, setPrinted] = useState<{ href: string; date: string }>();
  useEffect(() => {
    const href = window.location.href;
    const date = new Date().toLocaleDateString("en", { year: "numeric", month: "long", day: "numeric" });
    setPrinted({ href, date });
    const root = document.documentElement;
    root.style.setProperty("--print-footer", cssString(`${href} · printed ${date}`));
    // Where margin boxes print, the footer is on every page and this copy would repeat it.
    root.classList.toggle("print-margin-boxes", "CSSMarginRule" in window);
  }, [location]);
  return (
    <p className="print-address">
      {printed ? `${printed.href} · printed ${printed.date}` : `${location.pathname}${location.search}`}
    </p>
  );
}

/** `text` as a CSS string token, for `content`. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, "\\$&").replace(/[\n\r\f]/g, " ")}"`;
}
