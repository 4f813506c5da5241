// A delay that gives up early when the client hangs up or the emulator closes, so a `slow` reply never keeps a
// timer (and the test process) alive after the test that scripted it.
import { setTimeout as delay } from "node:timers/promises";

/** Resolves true when the full delay elapsed, false when aborted. */
export async function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
