import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of the document being rendered. Only the
 * server knows it; in the browser it is undefined, which React's hydration
 * ignores for `nonce` (browsers hide the attribute's value from scripts).
 */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
