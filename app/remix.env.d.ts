/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

export {};

// remix.config.js turns on single fetch; this gives loaders' data (and `data()` with headers) its types.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
