import { describe, expect, it } from "vitest";
import { InterviewDesk } from "../../src/core/engine/interview-desk.ts";
import { StoryBank } from "../../src/core/engine/story-bank.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { Logger } from "../../src/core/ports/ports.ts";
import { MemoryCandidateDirectory } from "../../src/store/memory-candidate-directory.ts";
import { MemoryProgressStore } from "../../src/store/memory-progress-store.ts";
import { MemoryRoundOneLogStore } from "../../src/store/memory-round-one-log-store.ts";
import { MemoryStoryStore } from "../../src/store/memory-story-store.ts";
import { sampleRoundOneLog } from "../contracts/round-one-log-store.contract.ts";
import { story } from "../contracts/story-store.contract.ts";
import { CANDIDATE, makeEngine } from "../support/engine-harness.ts";

const SCOPE = "discord:guild-1" as const;
const OTHER = { id: "u-other", name: "Other" };

function makeDesk() {
  const harness = makeEngine();
  const directory = new MemoryCandidateDirectory(harness.store, harness.clock);
  const progress = new MemoryProgressStore();
  const roundOneLogs = new MemoryRoundOneLogStore();
  const storyStore = new MemoryStoryStore({ clock: harness.clock });
  const stories = new StoryBank(storyStore, harness.clock);
  const lines: { message: string; fields: Record<string, unknown> }[] = [];
  const logger: Logger = {
    debug() {},
    info() {},
    error() {},
    // Audit lines are at warn, so the default log level keeps them.
    warn: (message, fields = {}) => lines.push({ message, fields }),
  };
  const desk = new InterviewDesk({
    engine: harness.engine,
    store: harness.store,
    directory,
    progress,
    roundOneLogs,
    stories,
    logger,
    clock: harness.clock,
  });
  let threads = 0;
  const start = async (candidate: { id: string; name: string }) => {
    const outcome = await desk.start({
      scope: SCOPE,
      candidate,
      eventId: `start-${++threads}`,
      receivedAt: harness.clock.now(),
      options: { role: "Data Analyst", company: "Acme" },
      openConversation: async () => `${SCOPE}:thread-${threads}` as ConversationKey,
    });
    if (outcome.kind !== "started") throw new Error(outcome.kind);
    return outcome.conversation;
  };
  return { ...harness, desk, directory, progress, roundOneLogs, storyStore, lines, start };
}

describe("a member's export and erasure (memory stores)", () => {
  it("exports only the member's own interviews, logs, progress and stories", async () => {
    const { desk, start, roundOneLogs, storyStore } = makeDesk();
    const mine = await start(CANDIDATE);
    await start(OTHER);
    await roundOneLogs.put(SCOPE, CANDIDATE.id, sampleRoundOneLog("Acme"));
    await roundOneLogs.put(SCOPE, OTHER.id, sampleRoundOneLog("Globex"));
    await storyStore.put(SCOPE, CANDIDATE.id, [story("mine", { title: "The month-end close" })]);
    await storyStore.put(SCOPE, OTHER.id, [story("theirs", { title: "Their launch" })]);
    const data = await desk.exportMember(SCOPE, CANDIDATE.id);
    expect(data.interviews.map((interview) => interview.conversation)).toEqual([mine]);
    expect(data.roundOneLogs.map((log) => log.company)).toEqual(["Acme"]);
    expect(data.stories).toEqual([story("mine", { title: "The month-end close" })]);
    expect(JSON.stringify(data)).not.toContain(OTHER.id);
  });

  it("erases a running interview and everything else of the member, once; audited without their id", async () => {
    const { desk, start, engine, roundOneLogs, storyStore, directory, lines } = makeDesk();
    const mine = await start(CANDIDATE);
    const theirs = await start(OTHER);
    await roundOneLogs.put(SCOPE, CANDIDATE.id, sampleRoundOneLog("Acme"));
    await storyStore.put(SCOPE, CANDIDATE.id, [story("a", { title: "A story" })]);
    expect((await engine.current(mine))?.phase).toBe("interviewing");

    const erasure = await desk.eraseMember(SCOPE, CANDIDATE.id);
    expect(erasure).toMatchObject({ complete: true, interviews: 1, roundOneLogs: 1, stories: 1 });
    expect(await engine.current(mine)).toBeNull();
    expect(await directory.recent(SCOPE, CANDIDATE.id, 10)).toEqual([]);
    expect((await engine.current(theirs))?.phase).toBe("interviewing");
    expect(await desk.activeInterview(SCOPE, OTHER.id)).not.toBeNull();
    // Nothing left to finish, and a repeat finds nothing.
    expect(await desk.eraseDueMembers(Number.MAX_SAFE_INTEGER)).toBe(0);
    expect(await desk.eraseMember(SCOPE, CANDIDATE.id)).toMatchObject({ interviews: 0, roundOneLogs: 0 });

    const audit = lines.filter(({ fields }) => fields.audit === "erasure");
    expect(audit).toHaveLength(2);
    expect(audit[0]?.fields).toMatchObject({ subject: "member", requestedBy: "member", scope: SCOPE });
    expect(typeof audit[0]?.fields.at).toBe("string");
    expect(JSON.stringify(audit)).not.toContain(CANDIDATE.id);
  });

  it("a community erasure is audited too", async () => {
    const { desk, start, lines } = makeDesk();
    await start(CANDIDATE);
    await desk.eraseCommunity(SCOPE, "workspace-uninstall");
    const audit = lines.filter(({ fields }) => fields.audit === "erasure");
    expect(audit).toHaveLength(1);
    expect(audit[0]?.fields).toMatchObject({
      subject: "community",
      requestedBy: "workspace-uninstall",
      scope: SCOPE,
    });
    expect(audit[0]?.fields.keys).toBeGreaterThan(0);
  });
});
