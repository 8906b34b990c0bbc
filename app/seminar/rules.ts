/**
 * The seminar's rules that need no database: join codes, room questions,
 * and the refusal a person can act on. Client-safe where it can be; the
 * service (service.server.ts) applies them.
 */

/** A refusal a person can act on, with the HTTP status it answers (and, for a limit, the seconds to wait). */
export class SeminarError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 409 | 410 | 415 | 429,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "SeminarError";
  }
}

/** No 0/O, 1/I/L: a code read off a projector is typed without doubt. */
export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 6;
const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** The canonical form of a typed code (upper case, spaces and dashes dropped), or null if it cannot be one. */
export function normalizeCode(input: string): string | null {
  const code = input.replace(/[\s-]+/g, "").toUpperCase();
  return CODE_PATTERN.test(code) ? code : null;
}

export const unknownCode = (code: string) =>
  new SeminarError(404, `No seminar has the code "${code.slice(0, 40)}". Check the code on the projector and type it again.`);
export const ENDED_MESSAGE = "This seminar has ended: it takes no more answers or questions.";

export const QUESTION_MAX_LENGTH = 280;
// Control characters, and the bidirectional overrides that would make a question display as other text.
const REFUSED_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/** A room question as stored: trimmed, whitespace runs as one space; throws 400 for what cannot be one. */
export function cleanQuestion(text: string): string {
  const clean = text.replace(/[\t\n\r ]+/g, " ").trim();
  if (clean.length === 0) throw new SeminarError(400, "Write a question first: it is empty.");
  const length = [...clean].length;
  if (length > QUESTION_MAX_LENGTH) {
    throw new SeminarError(400, `A question can have at most ${QUESTION_MAX_LENGTH} characters; this one has ${length}. Shorten it and send it again.`);
  }
  if (REFUSED_CHARACTERS.test(clean)) throw new SeminarError(400, "A question is plain text: remove the control characters from it.");
  return clean;
}

/** How long after ending a seminar the host may still take it back. */
export const REOPEN_MINUTES = 10;
