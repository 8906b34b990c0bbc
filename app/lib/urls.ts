/** A link that opens the work at the quoted passage (a text fragment). */
export function passageUrl(url: string | undefined, phrase: string | undefined): string | undefined {
  if (!url) return undefined;
  return phrase ? `${url}#:~:text=${encodeURIComponent(phrase)}` : url;
}

/** The compare URL for a state, so every view is a link. */
export function compareUrl(topic: string, perspectives: string[], { present = false, open = false, hash = "" } = {}) {
  const params = new URLSearchParams({ topic });
  for (const id of perspectives) params.append("p", id);
  const flags = (present ? "&present" : "") + (open ? "&open" : "");
  return `/compare?${params.toString()}${flags}${hash}`;
}

/** One step of the presenter view; every step has its own address. */
export function presentUrl(topic: string, step: number): string {
  return `/present/${encodeURIComponent(topic)}/${step}`;
}
