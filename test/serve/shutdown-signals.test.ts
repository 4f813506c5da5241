import { describe, expect, it } from "vitest";
import { listenForShutdown, ShutdownRequested, unlessShutdown } from "../../src/serve/shutdown-signals.ts";

// The handlers are called as the process would call them (process.emit), without sending a signal.
describe("stop signals", () => {
  it("the first SIGTERM or SIGINT asks for a graceful shutdown, a second one exits at once", async () => {
    const exits: string[] = [];
    const shutdown = listenForShutdown((signal) => exits.push(signal));
    try {
      process.emit("SIGTERM", "SIGTERM");
      expect(await shutdown.requested).toBe("SIGTERM");
      expect(shutdown.signal.aborted).toBe(true);
      expect(exits).toEqual([]);
      process.emit("SIGINT", "SIGINT");
      expect(exits).toEqual(["SIGINT"]);
    } finally {
      shutdown.stopListening();
    }
  });

  it("a start-up step gives way to the signal, and one that finishes first is returned", async () => {
    const shutdown = listenForShutdown(() => {});
    try {
      expect(await unlessShutdown(shutdown, Promise.resolve("ready"))).toBe("ready");
      const forever = new Promise<never>(() => {});
      const waiting = unlessShutdown(shutdown, forever);
      process.emit("SIGTERM", "SIGTERM");
      await expect(waiting).rejects.toBeInstanceOf(ShutdownRequested);
      // Once asked, later steps do not start waiting at all.
      await expect(unlessShutdown(shutdown, forever)).rejects.toBeInstanceOf(ShutdownRequested);
    } finally {
      shutdown.stopListening();
    }
  });
});
