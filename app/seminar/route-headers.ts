import type { HeadersFunction } from "@remix-run/node";

/**
 * Every seminar page's `headers`: its loader's no-store (and cookie) reach the
 * document, which keeps it out of the render cache; a refusal's reach its
 * error page.
 */
export const seminarHeaders: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;
