/** The compare URL for a state, so every view is a link. */
export function compareUrl(topic: string, perspectives: string[], present = false, hash = "") {
  const params = new URLSearchParams({ topic });
  for (const id of perspectives) params.append("p", id);
  const query = params.toString() + (present ? "&present" : "");
  return `/compare?${query}${hash}`;
}
