import { createContext, useContext, type ReactNode } from "react";
import type { Refs } from "~/models/refs.server";

interface PageRefs {
  refs: Refs;
  /** Glossary terms already explained on this page: only the first use links. */
  explained: Set<string>;
}

const RefsContext = createContext<PageRefs | undefined>(undefined);

export function RefsProvider({ refs, children }: { refs: Refs; children: ReactNode }) {
  // Rendering walks the page in document order, so a fresh set per render
  // marks the same first uses on the server and in the browser.
  return <RefsContext.Provider value={{ refs, explained: new Set() }}>{children}</RefsContext.Provider>;
}

export function usePageRefs(): PageRefs {
  const value = useContext(RefsContext);
  if (!value) throw new Error("usePageRefs needs a RefsProvider above it");
  return value;
}

export function useRefs(): Refs {
  return usePageRefs().refs;
}
