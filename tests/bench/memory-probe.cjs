/**
 * Loaded into the server by `npm run bench:http` and `bench:seminar` (node
 * --require, with --expose-gc; see server-memory.ts): answers the benchmark's questions about the server's memory
 * over the IPC channel. "memory" reads it as it is, with the number of full
 * (mark-compact) collections so far; "collect" runs a full collection first,
 * so that heapUsed is what is still reachable.
 */
const { PerformanceObserver, constants } = require("node:perf_hooks");

let majorCollections = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorCollections++;
}).observe({ entryTypes: ["gc"] });

// The channel must not keep the server running once it is told to stop.
process.channel?.unref();

process.on("message", (message) => {
  if (message !== "memory" && message !== "collect") return;
  if (message === "collect") {
    if (typeof global.gc !== "function") throw new Error("The memory probe needs node --expose-gc");
    global.gc();
  }
  process.send({ memory: process.memoryUsage(), majorCollections });
});
