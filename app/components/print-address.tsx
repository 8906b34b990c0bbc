import { useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";

/**
 * On paper, where the page came from and when: the address and the date it
 * was printed. The date is the reader's, so it is filled in by the browser.
 */
export function PrintAddress() {
  const location = useLocation();
  const [printed, setPrinted] = useState<{ href: string; date: string }>();
  useEffect(() => {
    setPrinted({
      href: window.location.href,
      date: new Date().toLocaleDateString("en", { year: "numeric", month: "long", day: "numeric" }),
    });
  }, [location]);
  return (
    <p className="print-address">
      {printed ? `${printed.href} · printed ${printed.date}` : `${location.pathname}${location.search}`}
    </p>
  );
}
