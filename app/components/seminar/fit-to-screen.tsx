import { useEffect, useRef, type ReactNode } from "react";

/**
 * Shows its content whole in the space the projector's screen leaves it,
 * scaled down (CSS zoom) when it would not fit: the room's results grow with
 * the viewpoints on a question and the claims that moved people, and a
 * projector cannot scroll. Never scaled up; without JavaScript it is shown as
 * it is.
 */
export function FitToScreen({ children }: { children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const outer = box.current;
    const inner = content.current;
    if (!outer || !inner) return;
    const fit = () => {
      inner.style.zoom = "";
      let scale = 1;
      // Sizes read inside the zoomed box are in its own, unzoomed, pixels; text reflows once
      // scaled, so another look settles what the first one guessed.
      for (let tries = 0; tries < 4; tries++) {
        const over = Math.max(inner.scrollWidth / inner.clientWidth, (inner.scrollHeight * scale) / outer.clientHeight);
        if (!(over > 1.005)) break;
        scale = Math.floor((scale / over) * 100) / 100;
        inner.style.zoom = String(scale);
      }
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(outer);
    return () => observer.disconnect();
  });
  return (
    <div className="fit-box" ref={box}>
      <div className="fit-content" ref={content}>
        {children}
      </div>
    </div>
  );
}
