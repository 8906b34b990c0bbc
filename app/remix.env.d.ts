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
  }
}
