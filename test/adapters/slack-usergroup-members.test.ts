// The admin user groups' member cache on a fake clock: one Slack call per workspace and group a minute however
// many checks arrive at once, failures never cached as answers, and nothing asked during Slack's Retry-After.
import { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { USERGROUP_CACHE_MS, UsergroupMembers } from "../../adapters/slack/usergroup-members.ts";
import { recordingCoreLogger } from "../support/slack-stack.ts";

function setup() {
  let now = 1_000_000;
  const logger = recordingCoreLogger();
  const members = new UsergroupMembers({ clock: { now: () => now }, logger });
  return { members, logger, advance: (ms: number) => (now += ms) };
}

/** A lookup that counts its calls and answers after a turn of the event loop, as Slack would. */
function slack(answer: () => readonly string[]) {
  const calls = { count: 0 };
  const list = async () => {
    calls.count += 1;
    await new Promise((resolve) => setImmediate(resolve));
    return answer();
  };
  return { calls, list };
}

function platformError(code: string) {
  return Object.assign(new Error(code), {
    code: webApi.ErrorCode.PlatformError,
    data: { ok: false, error: code },
  });
}

describe("UsergroupMembers", () => {
  it("shares one call among simultaneous checks and trusts it for a minute", async () => {
    const { members, advance } = setup();
    let users = ["U1"];
    const lookup = slack(() => users);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => members.members("T1", "S1", lookup.list)),
    );
    expect(answers.every((answer) => answer?.has("U1"))).toBe(true);
    expect(lookup.calls.count).toBe(1);

    users = [];
    advance(USERGROUP_CACHE_MS - 1);
    expect((await members.members("T1", "S1", lookup.list))?.has("U1")).toBe(true);
    advance(1);
    expect((await members.members("T1", "S1", lookup.list))?.has("U1")).toBe(false);
    expect(lookup.calls.count).toBe(2);
    // Another workspace with the same group id is its own entry.
    await members.members("T2", "S1", lookup.list);
    expect(lookup.calls.count).toBe(3);
  });

  it("answers null for a failure and asks again next time; a group the workspace lacks has no members", async () => {
    const { members, logger } = setup();
    let failure: Error | null = platformError("missing_scope");
    const lookup = slack(() => {
      if (failure) throw failure;
      return ["U1"];
    });
    expect(await members.members("T1", "S1", lookup.list)).toBeNull();
    failure = null;
    expect((await members.members("T1", "S1", lookup.list))?.has("U1")).toBe(true);

    const missing = slack(() => {
      throw platformError("no_such_subteam");
    });
    expect(await members.members("T1", "S0TYPO", missing.list)).toEqual(new Set());
    expect(await members.members("T1", "S0TYPO", missing.list)).toEqual(new Set());
    expect(missing.calls.count).toBe(1);
    expect(logger.lines.map((line) => line.fields?.error ?? line.message)).toEqual([
      "missing_scope",
      "slack admin user group not in this workspace; it grants nothing here",
    ]);
  });

  it("asks the rate-limited workspace nothing until Slack's Retry-After has passed", async () => {
    const { members, advance } = setup();
    let limited = true;
    const lookup = slack(() => {
      if (limited)
        throw Object.assign(new Error("rate limited"), {
          code: webApi.ErrorCode.RateLimitedError,
          retryAfter: 5,
        });
      return ["U1"];
    });
    expect(await members.members("T1", "S1", lookup.list)).toBeNull();
    limited = false;
    advance(4_999);
    expect(await members.members("T1", "S2", lookup.list)).toBeNull();
    expect(lookup.calls.count).toBe(1);
    // Another workspace has its own limit.
    expect((await members.members("T2", "S1", lookup.list))?.has("U1")).toBe(true);
    advance(1);
    expect((await members.members("T1", "S1", lookup.list))?.has("U1")).toBe(true);
    expect(lookup.calls.count).toBe(3);
  });
});
