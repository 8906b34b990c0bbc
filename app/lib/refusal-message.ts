/** The message a refusal (app/lib/refuse.server.ts) carries, as an error boundary receives it: text, or `{ error }`. */
export function refusalMessage(data: unknown): string | undefined {
  if (typeof data === "string") return data || undefined;
  if (data && typeof data === "object" && "error" in data && typeof data.error === "string") return data.error || undefined;
  return undefined;
}
