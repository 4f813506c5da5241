// Replies that are not answers: delays and HTTP faults. Shared by every endpoint so retry/timeout behaviour is
// scripted the same way for completions and transcriptions.
import type { ServerResponse } from "node:http";
import { sendRateLimit, sendServerError } from "./errors.ts";
import { sleep } from "./sleep.ts";
import type { FaultReply } from "./types.ts";

type Slow<Reply> = { kind: "slow"; delayMs: number; reply: Reply };
type Held<Reply> = { kind: "held"; released: Promise<unknown>; reply: Reply };

/**
 * Waits out any `slow` and `held` wrappers (they may nest) and returns the reply underneath, or undefined when
 * the client hung up or the emulator closed meanwhile — there is no one left to answer.
 */
export async function resolveSlow<Reply extends { kind: string }>(
  reply: Reply,
  signal: AbortSignal,
): Promise<Exclude<Reply, { kind: "slow" | "held" }> | undefined> {
  let current: Reply = reply;
  while (current.kind === "slow" || current.kind === "held") {
    if (current.kind === "slow") {
      const slow = current as unknown as Slow<Reply>;
      if (!(await sleep(slow.delayMs, signal))) return undefined;
      current = slow.reply;
    } else {
      const held = current as unknown as Held<Reply>;
      if (!(await untilReleased(held.released, signal))) return undefined;
      current = held.reply;
    }
  }
  return current as Exclude<Reply, { kind: "slow" | "held" }>;
}

/** Resolves true once `released` settles, false when aborted first. */
function untilReleased(released: Promise<unknown>, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const abort = () => resolve(false);
    signal.addEventListener("abort", abort, { once: true });
    void released.then(
      () => {
        signal.removeEventListener("abort", abort);
        resolve(true);
      },
      () => {
        signal.removeEventListener("abort", abort);
        resolve(true);
      },
    );
  });
}

/** Sends the reply if it is a fault; the type guard lets callers handle only real answers afterwards. */
export function sendFault<Reply extends { kind: string }>(
  reply: Reply,
  response: ServerResponse,
): reply is Extract<Reply, FaultReply> {
  const fault = reply as unknown as FaultReply;
  if (fault.kind === "rate-limit") {
    sendRateLimit(response, fault.retryAfterSeconds);
    return true;
  }
  if (fault.kind === "server-error") {
    sendServerError(response, fault.message);
    return true;
  }
  if (fault.kind === "connection-reset") {
    // resetAndDestroy sends a TCP RST, as a crashed proxy or load balancer would.
    response.socket?.resetAndDestroy();
    return true;
  }
  return false;
}
