/**
 * RSS after V8's memory-reducing collection (--expose-gc's "last-resort" flavour, what V8 runs
 * when memory is short): it also hands back the pages a plain forced GC keeps for reuse, so this is
 * what a process settles to once a burst is over, where the plain figure is what it still holds.
 */
export function rssAfterMemoryReducingGc(): number {
  if (!globalThis.gc) throw new Error("run with --expose-gc");
  (globalThis.gc as (options: object) => void)({ type: "major", execution: "sync", flavor: "last-resort" });
  return process.memoryUsage().rss;
}
