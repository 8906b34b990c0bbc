import { useEffect, useRef } from "react";

/** The keys a presenter can use, listed over the screen ("?" opens and closes it, Escape closes it). */
export function KeysHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="presenter-dialog keys-help" role="dialog" aria-modal="true" aria-labelledby="keys-heading">
      <h2 id="keys-heading">Keys</h2>
      <dl>
        <dt>
          <kbd>→</kbd> <kbd>Space</kbd> <kbd>PageDown</kbd>
        </dt>
        <dd>Next step (a clicker works)</dd>
        <dt>
          <kbd>←</kbd> <kbd>PageUp</kbd>
        </dt>
        <dd>Step back</dd>
        <dt>
          <kbd>Home</kbd> <kbd>End</kbd>
        </dt>
        <dd>First step, closing screen</dd>
        <dt>
          <kbd>F</kbd>
        </dt>
        <dd>Full screen</dd>
        <dt>
          <kbd>?</kbd>
        </dt>
        <dd>This list</dd>
        <dt>
          <kbd>Esc</kbd>
        </dt>
        <dd>Close it</dd>
      </dl>
      <p>From the closing screen, → asks before everyone moves to the next question. Results, pausing and ending are in the host console, on your own device.</p>
      <button type="button" ref={close} onClick={onClose}>
        Close
      </button>
    </div>
  );
}
