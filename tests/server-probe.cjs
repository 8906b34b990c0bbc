/**
 * Loaded into a server started by the benchmarks and tests (node --require,
 * with --expose-gc; see server-probe.ts): answers their questions about the
 * server over the IPC channel. "memory" reads its memory as it is, with the
 * number of full (mark-compact) collections so far; "collect" runs a full
 * collection first, so that heapUsed is what is still reachable; "timers"
 * counts the timers that keep it running.
 */
const { PerformanceObserver, constants } = require("node:perf_hooks");

let majorCollections = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorCollections++;
}).observe({ entryTypes: ["gc"] });

// The channel must not keep the server running once it is told to stop.
process.channel?.unref();

process.on("message", (message) => {
  if (message === "timers") {
    process.send({ timers: process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length });
    return;
  }
  if (message !== "memory" && message !== "collect") return;
  if (message === "collect") {
    if (typeof global.gc !== "function") throw new Error("The memory probe needs node --expose-gc");
    global.gc();
  }
  process.send({ memory: process.memoryUsage(), majorCollections });
});
