import { useId } from "react";
import { FLAGS, type Flag } from "~/compiler/model";

/**
 * Review flags as short badges. The meaning shows on hover and on keyboard
 * focus, and is always in the accessible description, so no one has to hover.
 */
export function FlagBadges({ flags }: { flags: readonly Flag[] }) {
  const base = useId();
  if (flags.length === 0) return null;
  return (
    <ul className="flags" aria-label="Review flags">
      {flags.map((flag) => (
        <li key={flag}>
          <span className="flag" tabIndex={0} aria-describedby={`${base}-${flag}`}>
            {FLAGS[flag].label}
            <span role="tooltip" id={`${base}-${flag}`} className="flag-tip">
              {FLAGS[flag].description}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The key to every badge, for pages that show them. */
export function HowToReadFlags() {
  return (
    <details className="how-to-read">
      <summary>How to read the badges</summary>
      <p>The editors mark how a claim or an item rests on the source documents:</p>
      <dl>
        {(Object.keys(FLAGS) as Flag[]).map((flag) => (
          <div key={flag}>
            <dt>{FLAGS[flag].label}</dt>
            <dd>{FLAGS[flag].description}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
