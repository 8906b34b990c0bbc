import { useEffect, useState } from "react";

/**
 * Copies `text` (or what it returns, for text a page would rather not send
 * twice); given `html` too, copies both, so that italics survive a paste into
 * a word processor. Appears only once JavaScript runs, since it needs the
 * clipboard API.
 */
export function CopyButton({ text, html, label }: { text: string | (() => string); html?: string; label: string }) {
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  if (!ready) return null;
  return (
    <button
      type="button"
      className="copy-button"
      onClick={async () => {
        const plain = typeof text === "function" ? text() : text;
        if (html !== undefined && typeof ClipboardItem !== "undefined" && navigator.clipboard.write) {
          await navigator.clipboard.write([
            new ClipboardItem({
              "text/html": new Blob([html], { type: "text/html" }),
              "text/plain": new Blob([plain], { type: "text/plain" }),
            }),
          ]);
        } else {
          await navigator.clipboard.writeText(plain);
        }
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      {label}
      <span role="status" className={copied ? "copied" : "visually-hidden"}>
        {copied ? " · copied" : ""}
      </span>
    </button>
  );
}
