/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

export {};

// remix.config.js turns on single fetch; this gives loaders' data (and `data()` with headers) its types.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  /** What app/cli/serve.mjs gives every loader and action. */
  interface AppLoadContext {
    /** Aborted when the client's connection closes (the Request's own signal may not be: see serve.mjs). */
    connectionClosed: AbortSignal;
    /** The client's address: the peer's, or the one a trusted proxy forwards (TRUST_PROXY). */
    clientAddress: string;
    /** COUNTERPOINT_PUBLIC_URL: the origin phones are sent to, whatever Host a request names. */
    publicUrl?: string;
    /** This machine's address on its network, when the server listens there: what phones could open instead of localhost. */
    lanUrl?: string;
  }
}
