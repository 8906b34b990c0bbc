import { useEffect, useState } from "react";

/**
 * Copies `text` (or what it returns, for text a page would rather not send
 * twice); appears only once JavaScript runs, since it needs the clipboard API.
 */
export function CopyButton({ text, label }: { text: string | (() => string); label: string }) {
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  if (!ready) return null;
  return (
    <button
      type="button"
      className="copy-button"
      onClick={async () => {
        await navigator.clipboard.writeText(typeof text === "function" ? text() : text);
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
