import type { Cluster, Result } from "ioredis";
import type { CommitRequest } from "../core/ports/ports.ts";
import { callRedis } from "./call-redis.ts";
import { deliveryDueKey, timersDueKey } from "./store-keys.ts";

declare module "ioredis" {
  interface RedisCommander<Context> {
    secondroundSweepSets(...keysAndArgs: (string | number)[]): Result<unknown, Context>;
  }
}

/**
 * Adds or removes one commit's entries in the two sweep sets (both in the `{<prefix>-sweeps}` slot).
 *
 * KEYS[1] delivery-due sorted set   KEYS[2] quiet-period timers sorted set
 * ARGV[1] "add" | "remove"   ARGV[2] the conversation
 * ARGV[3] add: when the delivery sweep takes over ("" = no entry); remove: "1" to remove the entry
 * ARGV[4] timer member ("" = none)   ARGV[5] add: when it is due
 */
const SWEEP_SETS_SCRIPT = `
if ARGV[1] == 'add' then
  -- GT: never pulls back a lease a sweeping process holds on this conversation.
  if ARGV[3] ~= '' then redis.call('ZADD', KEYS[1], 'GT', ARGV[3], ARGV[2]) end
  if ARGV[4] ~= '' then redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4]) end
else
  if ARGV[3] == '1' then redis.call('ZREM', KEYS[1], ARGV[2]) end
  if ARGV[4] ~= '' then redis.call('ZREM', KEYS[2], ARGV[4]) end
end
return 1
`;

/**
 * The deployment-wide sweep sets in a Redis Cluster. They live in their own slot, away from the
 * conversation's keys, so the commit script cannot write them (a script may touch one slot only);
 * the store keeps them in step around each commit instead, at one extra command that runs beside
 * the commit rather than after it:
 *
 * - additions (the conversation's place in the delivery sweep, the newly armed quiet-period timer)
 *   are sent together with the commit. Should the commit not happen (a conflict, a duplicate), the
 *   entry is spurious and harmless: the delivery sweep reads the session again and delivers only
 *   what is undelivered (settling the entry), and a timer whose draft has changed changes nothing
 *   when it fires (the state machine compares the turn and the draft's size).
 * - removals (nothing left undelivered, the timer the previous draft armed) are sent only once
 *   the commit has succeeded, without holding the commit's caller: a removal that is lost leaves
 *   a spurious entry, harmless as above, whereas one made for a commit that did not happen could
 *   drop an entry that is still needed.
 */
export class ClusterSweepSets {
  readonly #cluster: Cluster;
  readonly #keys: [string, string];
  readonly #onError: (error: Error) => void;
  readonly #removing = new Set<Promise<unknown>>();

  constructor(cluster: Cluster, prefix: string, onError: (error: Error) => void) {
    this.#cluster = cluster;
    this.#keys = [deliveryDueKey(prefix), timersDueKey(prefix)];
    this.#onError = onError;
    cluster.defineCommand("secondroundSweepSets", { numberOfKeys: 2, lua: SWEEP_SETS_SCRIPT });
  }

  /**
   * The entries a commit that writes the session adds, sent now (beside the commit); resolves once
   * written. Failures are reported, not thrown: the commit itself may well have succeeded, and a
   * missing entry is made good by the next commit of the conversation or the start-up sweep.
   */
  async add(request: CommitRequest): Promise<void> {
    const timer = request.timers?.add;
    if (!request.next || (request.deliveryDueAt === undefined && !timer)) return;
    await this.#run([
      "add",
      request.conversation,
      request.deliveryDueAt ?? "",
      timer?.member ?? "",
      timer?.dueAt ?? "",
    ]).catch(this.#onError);
  }

  /** The entries a successful commit that wrote the session removes, sent in the background. */
  removeAfter(request: CommitRequest): void {
    if (!request.next) return;
    const replaced = request.timers?.remove;
    const timer = replaced !== undefined && replaced !== request.timers?.add?.member ? replaced : "";
    const settled = request.deliveryDueAt === undefined;
    if (!settled && timer === "") return;
    this.#background(["remove", request.conversation, settled ? "1" : "", timer, ""]);
  }

  /** A settled conversation leaves the delivery sweep (its deliveries were recorded first). */
  async settle(conversation: string): Promise<void> {
    await this.#run(["remove", conversation, "1", "", ""]);
  }

  /** Waits for removals still on their way (before the connection closes). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.#removing]);
  }

  #background(args: (string | number)[]): void {
    const removal = this.#run(args).catch(this.#onError);
    this.#removing.add(removal);
    void removal.finally(() => this.#removing.delete(removal));
  }

  #run(args: (string | number)[]): Promise<unknown> {
    return callRedis(() => this.#cluster.secondroundSweepSets(...this.#keys, ...args));
  }
}
