import { useCallback, useEffect, useRef } from "react";

/**
 * → Space PageDown: next; ← PageUp: back (clickers send PageUp/PageDown); Home, End; F: full screen.
 * Steps count from the one last asked for until it is shown, so quick presses
 * while a screen loads all count, even when a screen asked for earlier shows
 * in between. `moveTo` gets a step within 1…total, or
 * total + 1 when asked to go on from the last step (a seminar then moves to the
 * next question).
 */
export function usePresenterKeys(step: number, total: number, moveTo: (step: number) => void) {
  const shown = useRef(step);
  shown.current = step;
  const requested = useRef<number | undefined>(undefined);
  if (requested.current === step) requested.current = undefined;
  const go = useCallback(
    (wanted: (current: number) => number) => {
      const from = requested.current ?? shown.current;
      const target = Math.min(Math.max(wanted(from), 1), total + 1);
      if (target === from) return;
      if (target <= total) requested.current = target;
      moveTo(target);
    },
    [total, moveTo],
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "f" || event.key === "F") {
        event.preventDefault();
        if (document.fullscreenElement) void document.exitFullscreen();
        else void document.documentElement.requestFullscreen?.().catch(() => undefined);
        return;
      }
      const moves: Record<string, (current: number) => number> = {
        ArrowRight: (current) => current + 1,
        " ": (current) => current + 1,
        PageDown: (current) => current + 1,
        ArrowLeft: (current) => current - 1,
        PageUp: (current) => current - 1,
        Home: () => 1,
        End: () => total,
      };
      if (!(event.key in moves)) return;
      event.preventDefault();
      go(moves[event.key]!);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go, total]);
  return go;
}
