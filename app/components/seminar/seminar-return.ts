import { useLocation, useNavigate } from "@remix-run/react";
import { useEffect } from "react";

/** The seminar a phone left to browse while the host paused following, kept for this tab only. */
const KEY = "counterpoint-paused-seminar";

/** The phone view says whether its reader may wander off, and to which seminar they belong. */
export function rememberPausedSeminar(code: string, paused: boolean) {
  try {
    if (paused) sessionStorage.setItem(KEY, code);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage can be off; the phone then simply does not snap back from other pages.
  }
}

/**
 * On any other page, a reader who left a paused seminar is brought back to it
 * when the host resumes following.
 */
export function useSeminarReturn() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const inSeminar = pathname.startsWith("/s/");
  useEffect(() => {
    if (inSeminar) return;
    let code: string | null = null;
    try {
      code = sessionStorage.getItem(KEY);
    } catch {
      return;
    }
    if (!code) return;
    const events = new EventSource(`/s/${encodeURIComponent(code)}/events`);
    events.addEventListener("state", (event) => {
      const state = JSON.parse((event as MessageEvent<string>).data) as { paused: boolean; ended: boolean };
      if (state.paused && !state.ended) return;
      events.close();
      rememberPausedSeminar(code, false);
      if (!state.ended) navigate(`/s/${code}`);
    });
    // A seminar that is gone (404) ends the stream for good: forget it.
    events.addEventListener("error", () => {
      if (events.readyState === EventSource.CLOSED) rememberPausedSeminar(code, false);
    });
    return () => events.close();
  }, [inSeminar, pathname, navigate]);
}
