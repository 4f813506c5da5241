import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { type ProgressEntry, progressEntryOf } from "../core/model/progress-entry.ts";
import { progressSummary } from "../progress/progress-summary.ts";
import { defaultInterviewFile, type Runtime } from "../runtime.ts";
import { progressStoreFor, TERMINAL_PROGRESS_SCOPE } from "./progress-store-for.ts";
import { PROGRESS_USAGE } from "./progress-usage.ts";
import { SavedInterviews } from "./saved-interviews.ts";
import { fileSafe, terminalUserName } from "./terminal-member.ts";

const PROGRESS_OPTIONS = {
  name: { type: "string" },
  out: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * `secondround progress`: the member's progress chart written as a PNG, its path and the summary
 * printed. Finished interviews still saved but missing from the history (finished before progress
 * was kept) are added first. No finished interview: the friendly text, and no file.
 */
export async function progressCommand(
  argv: readonly string[],
  runtime: Runtime,
  output: Writable,
): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: PROGRESS_OPTIONS, allowPositionals: false });
  if (values.help) {
    output.write(`${PROGRESS_USAGE}\n`);
    return 0;
  }
  const name = values.name ?? terminalUserName();
  const memberId = `terminal:${name}`;
  const progress = progressStoreFor(runtime);
  const recorded = new Set(
    (await progress.list(TERMINAL_PROGRESS_SCOPE, memberId)).map((entry) => entry.sessionId),
  );
  for (const entry of await savedEntries(runtime, memberId))
    if (!recorded.has(entry.sessionId)) await progress.record(TERMINAL_PROGRESS_SCOPE, memberId, entry);
  const entries = await progress.list(TERMINAL_PROGRESS_SCOPE, memberId);
  const summary = progressSummary(entries);
  if (entries.length === 0) {
    output.write(`${summary}\n`);
    return 0;
  }
  const { renderProgressChart } = await import("../progress/render-progress-chart.ts");
  const path = resolve(
    values.out ?? join(dirname(defaultInterviewFile(runtime.config)), `progress-${fileSafe(name)}.png`),
  );
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, await renderProgressChart(entries));
  output.write(`Your progress chart: ${path}\n${summary}\n`);
  return 0;
}

/** Progress entries of the member's finished interviews still in the interview file or Redis. */
async function savedEntries(runtime: Runtime, memberId: string): Promise<ProgressEntry[]> {
  const { storage } = runtime;
  const file = storage.kind === "file" ? storage.open() : null;
  try {
    const source = file
      ? ({ kind: "local", store: file } as const)
      : storage.kind === "redis"
        ? ({ kind: "redis", store: storage.store } as const)
        : storage.kind === "memory"
          ? ({ kind: "local", store: storage.store } as const)
          : null;
    if (!source) return [];
    const saved = await new SavedInterviews(source, memberId, { keyPrefix: runtime.config.keyPrefix }).list();
    return saved
      .map((interview) => interview.session)
      .filter((session) => session?.candidate.id === memberId)
      .map((session) => (session ? progressEntryOf(session) : null))
      .filter((entry): entry is ProgressEntry => entry !== null);
  } finally {
    await file?.close();
  }
}
