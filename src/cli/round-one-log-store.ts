import { join } from "node:path";
import type { Writable } from "node:stream";
import envPaths from "env-paths";
import type { InterviewOptions } from "../core/model/interview-options.ts";
import type { RoundOneLog } from "../core/model/round-one-log.ts";
import type { RoundOneLogStore } from "../core/ports/round-one-log-store.ts";
import type { Runtime } from "../runtime.ts";
import { FileRoundOneLogStore } from "../store/file-round-one-log-store.ts";
import { MemoryRoundOneLogStore } from "../store/memory-round-one-log-store.ts";
import { RedisRoundOneLogStore } from "../store/redis-round-one-log-store.ts";

/** The terminal's community: one per machine (or Redis), members named as practice names them. */
export const TERMINAL_SCOPE = "terminal";

/** Round-1 logs beside the terminal's interviews: in Redis when configured, else a file in the data directory. */
export function terminalRoundOneLogs(runtime: Runtime): RoundOneLogStore & { readonly path?: string } {
  const { storage, config } = runtime;
  if (storage.kind === "redis") {
    return new RedisRoundOneLogStore({
      client: storage.store.client,
      keyPrefix: config.keyPrefix,
      ...(storage.store.cipher ? { cipher: storage.store.cipher } : {}),
    });
  }
  if (storage.kind === "memory") return new MemoryRoundOneLogStore();
  const directory = config.dataDir ?? envPaths("secondround", { suffix: "" }).data;
  return FileRoundOneLogStore.open(join(directory, "round-one-logs.json"));
}

/**
 * The candidate's round-1 log for a second or final round's company, said aloud when there is one;
 * a first round, or a company with no log, gets none (and no question pretends to know round 1).
 */
export async function roundOneLogFor(
  runtime: Runtime,
  memberId: string,
  options: InterviewOptions,
  output: Writable,
): Promise<RoundOneLog | null> {
  if (options.stage === "first") return null;
  const log = await terminalRoundOneLogs(runtime).get(TERMINAL_SCOPE, memberId, options.company);
  if (log) {
    const count = log.entries.length;
    output.write(
      `Building on your round-1 log for ${log.company} (${count} question${count === 1 ? "" : "s"}${log.date ? `, ${log.date}` : ""}).\n`,
    );
  }
  return log;
}
