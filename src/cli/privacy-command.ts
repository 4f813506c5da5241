import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";
import { parseArgs } from "node:util";
import { MemberPrivacy } from "../core/engine/member-privacy.ts";
import { erasureDoneText, exportSummaryText } from "../core/engine/privacy-copy.ts";
import { StoryBank } from "../core/engine/story-bank.ts";
import type { CandidateDirectory } from "../core/ports/candidate-directory.ts";
import type { SessionStore } from "../core/ports/ports.ts";
import { defaultInterviewFile, type Runtime } from "../runtime.ts";
import { MemoryCandidateDirectory } from "../store/memory-candidate-directory.ts";
import { RedisCandidateDirectory } from "../store/redis-candidate-directory.ts";
import { PRIVACY_USAGE } from "./privacy-usage.ts";
import { progressStoreFor } from "./progress-store-for.ts";
import { TERMINAL_SCOPE, terminalRoundOneLogs } from "./round-one-log-store.ts";
import { type InterviewSource, SavedInterviews } from "./saved-interviews.ts";
import { storyStoreFor } from "./story-store-for.ts";
import { fileSafe, terminalUserName } from "./terminal-member.ts";

const PRIVACY_OPTIONS = {
  out: { type: "string" },
  yes: { type: "boolean" },
  name: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export interface PrivacyIo {
  readonly input: Readable & { isTTY?: boolean };
  readonly output: Writable;
}

/**
 * `secondround privacy export|delete`: the member's own data in the terminal's stores (the
 * interview file or Redis, round-1 logs, progress), written out as the chat bots' export is, or
 * erased with the same use case. Resolves with the exit code.
 */
export async function privacyCommand(
  argv: readonly string[],
  runtime: Runtime,
  io: PrivacyIo,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: PRIVACY_OPTIONS,
    allowPositionals: true,
  });
  const [action, ...extra] = positionals;
  if (values.help) {
    io.output.write(`${PRIVACY_USAGE}\n`);
    return 0;
  }
  if ((action !== "export" && action !== "delete") || extra.length > 0) {
    io.output.write(`${PRIVACY_USAGE}\n`);
    return 2;
  }
  const name = values.name ?? terminalUserName();
  const memberId = `terminal:${name}`;
  if (action === "delete" && !values.yes && !(await confirmed(io, name))) {
    io.output.write("Nothing was deleted.\n");
    return io.input.isTTY ? 0 : 2;
  }
  const { storage, config } = runtime;
  const file = storage.kind === "file" ? storage.open() : null;
  // Erasing writes the interview file: taken from any practice still running on it first.
  if (action === "delete") file?.lock();
  try {
    const source: InterviewSource | null = file
      ? { kind: "local", store: file }
      : storage.kind === "redis"
        ? { kind: "redis", store: storage.store }
        : storage.kind === "memory"
          ? { kind: "local", store: storage.store }
          : null;
    if (!source) throw new Error("no interview store");
    const store: SessionStore = source.store;
    const directory: CandidateDirectory =
      source.kind === "redis"
        ? new RedisCandidateDirectory({
            client: source.store.client,
            keyPrefix: config.keyPrefix,
            sessionTtlMs: config.sessionTtlMs,
          })
        : new MemoryCandidateDirectory(store);
    // The interview file has no directory: the member's interviews are found in it (and, on Redis,
    // interviews from before the directory was kept), then listed for the use case.
    for (const saved of await new SavedInterviews(source, memberId, { keyPrefix: config.keyPrefix }).list())
      if (saved.session?.candidate.id === memberId)
        await directory.record(TERMINAL_SCOPE, memberId, saved.conversation, saved.session.createdAt);
    const privacy = new MemberPrivacy({
      store,
      directory,
      progress: progressStoreFor(runtime),
      roundOneLogs: terminalRoundOneLogs(runtime),
      stories: new StoryBank(storyStoreFor(runtime), { now: () => Date.now() }),
      clock: { now: () => Date.now() },
      logger: runtime.logger,
    });
    if (action === "export") {
      const data = await privacy.exportMember(TERMINAL_SCOPE, memberId);
      const path = resolve(
        values.out ??
          join(dirname(defaultInterviewFile(config)), `secondround-my-data-${fileSafe(name)}.json`),
      );
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
      io.output.write(`Your data: ${path}\n${exportSummaryText(data)}.\n`);
      return 0;
    }
    const erasure = await privacy.eraseMember(TERMINAL_SCOPE, memberId, "member");
    io.output.write(`${erasureDoneText(erasure)}\n`);
    return 0;
  } finally {
    await file?.close();
  }
}

/** Asks in an interactive terminal; piped input without --yes deletes nothing. */
async function confirmed(io: PrivacyIo, name: string): Promise<boolean> {
  if (!io.input.isTTY) {
    io.output.write("Deleting needs confirmation: run it in a terminal, or add --yes.\n");
    return false;
  }
  const prompt = createInterface({ input: io.input, output: io.output });
  try {
    const answer = await prompt.question(
      `Delete every interview, round-1 log and progress entry of "${name}"? This cannot be undone. Type "delete" to confirm: `,
    );
    return answer.trim().toLowerCase() === "delete";
  } finally {
    prompt.close();
  }
}
