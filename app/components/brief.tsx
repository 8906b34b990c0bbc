/**
 * The brief: claims a student collects. Without JavaScript it lives in the
 * URL (`/brief?c=ID&c=ID`); with it, in localStorage, so adding is instant and
 * the header can count it.
 */
import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";

const STORAGE_KEY = "counterpoint-brief";
const CHANGE_EVENT = "counterpoint-brief-change";

export function briefUrl(ids: string[], path = "/brief"): string {
  const query = new URLSearchParams(ids.map((id) => ["c", id])).toString();
  return query ? `${path}?${query}` : path;
}

export function readBrief(): string[] {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}

export function writeBrief(ids: string[]) {
  window.localStorage.setItem(STORAGE_KEY, JSON.stringify([...new Set(ids)]));
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** The stored brief, or undefined until JavaScript runs. */
export function useStoredBrief(): string[] | undefined {
  const [ids, setIds] = useState<string[]>();
  useEffect(() => {
    const update = () => setIds(readBrief());
    update();
    window.addEventListener(CHANGE_EVENT, update);
    window.addEventListener("storage", update);
    return () => {
      window.removeEventListener(CHANGE_EVENT, update);
      window.removeEventListener("storage", update);
    };
  }, []);
  return ids;
}

/**
 * A link that adds the claim to the brief in the URL (`current` carries a
 * brief being built without JavaScript); with JavaScript, a toggle button.
 */
export function AddToBrief({ claimId, title, current = [] }: { claimId: string; title: string; current?: string[] }) {
  const stored = useStoredBrief();
  if (stored === undefined) {
    return (
      <Link className="add-to-brief" to={briefUrl([...new Set([...current, claimId])])}>
        Add to brief<span className="visually-hidden">: {title}</span>
      </Link>
    );
  }
  const inBrief = stored.includes(claimId);
  return (
    <button
      type="button"
      className="add-to-brief"
      aria-pressed={inBrief}
      onClick={() => writeBrief(inBrief ? stored.filter((id) => id !== claimId) : [...stored, claimId])}
    >
      {inBrief ? "In brief" : "Add to brief"}
      <span className="visually-hidden">: {title}</span>
    </button>
  );
}

/** The header's link to the brief, with its count once JavaScript runs. */
export function BriefLink() {
  const stored = useStoredBrief();
  return (
    <Link to={stored ? briefUrl(stored) : "/brief"} className="brief-link">
      Brief
      {stored ? (
        <span className="brief-count">
          {" "}
          <span aria-hidden="true">({stored.length})</span>
          <span className="visually-hidden">, {stored.length} {stored.length === 1 ? "claim" : "claims"}</span>
        </span>
      ) : null}
    </Link>
  );
}
