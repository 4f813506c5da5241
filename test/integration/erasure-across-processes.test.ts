import type { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { InterviewDesk } from "../../src/core/engine/interview-desk.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { RedisCandidateDirectory } from "../../src/store/redis-candidate-directory.ts";
import { RedisErasureNotices } from "../../src/store/redis-erasure-notices.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { CANDIDATE, inbound, ManualClock, makeEngine } from "../support/engine-harness.ts";
import { eventually } from "../support/eventually.ts";
import { testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";

const SCOPE = "discord:guild-erasure" as const;

/** Every key of the deployment whose name or content mentions `needle` (names, strings, hashes, lists). */
async function keysMentioning(client: Redis, prefix: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for await (const keys of client.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<
    string[]
  >) {
    for (const key of keys) {
      const dump = await client.dumpBuffer(key);
      if (key.includes(needle) || dump?.includes(needle)) found.push(key);
    }
  }
  return found;
}

/**
 * One "process": its own Redis connection, store, engine and erasure notices, as `serve` builds
 * them, sharing one redis-server and one key prefix with the others.
 */
function process(prefix: string, clock: ManualClock, follows: boolean) {
  const client = testRedisClient();
  const store = new RedisSessionStore({ client, keyPrefix: prefix });
  const harness = makeEngine({ store, clock });
  const notices = new RedisErasureNotices({ client, keyPrefix: prefix });
  afterAll(() => notices.close());
  const directory = new RedisCandidateDirectory({ client, keyPrefix: prefix });
  const desk = new InterviewDesk({ engine: harness.engine, store, directory, clock, notices });
  const ready = follows ? harness.engine.followErasures(notices) : Promise.resolve();
  return { ...harness, client, desk, notices, ready };
}

describe("an erasure reaches every process's cache", () => {
  const prefix = uniquePrefix("erasure-procs");
  const clock = new ManualClock();
  const a = process(prefix, clock, true);
  const b = process(prefix, clock, true);
  /** A process whose subscription is down: its copy must still never be written back. */
  const deaf = process(prefix, clock, false);
  let threads = 0;

  const start = async () => {
    threads += 1;
    const outcome = await a.desk.start({
      scope: SCOPE,
      candidate: CANDIDATE,
      eventId: `start-${prefix}-${threads}`,
      receivedAt: clock.now(),
      options: { role: "Data Analyst", company: "Acme" },
      openConversation: async () => `${SCOPE}:thread-${prefix}-${threads}` as ConversationKey,
    });
    if (outcome.kind !== "started") throw new Error(outcome.kind);
    return outcome.conversation;
  };

  it("B drops its copy when A erases the member, and B's next event for it brings no key back", async () => {
    await Promise.all([a.ready, b.ready]);
    const conversation = await start();
    // B handles the member's next message: it now holds the interview in its cache.
    expect(await b.engine.handle(inbound.message(conversation, "My draft about the migration"))).toBe(
      "applied",
    );
    expect(b.engine.cacheSize.sessions).toBe(1);
    await deaf.engine.handle(inbound.message(conversation, "and a second line"));
    expect(deaf.engine.cacheSize.sessions).toBe(1);

    const erasure = await a.desk.eraseMember(SCOPE, CANDIDATE.id);
    expect(erasure.interviews).toBe(1);
    await eventually(() => b.engine.cacheSize.sessions === 0, 10_000, "B's copy to be dropped");
    expect(await b.engine.current(conversation)).toBeNull();

    // The member types again in the thread, on B (no copy) and on the deaf process (a stale copy).
    expect(await b.engine.handle(inbound.message(conversation, "Is anyone there?"))).toBe("ignored");
    expect(await deaf.engine.handle(inbound.answer(conversation, "t1", "Here is my answer after all"))).toBe(
      "ignored",
    );
    // The stale copy went with the refused commit.
    expect(deaf.engine.cacheSize.sessions).toBe(0);
    const thread = conversation.slice(conversation.lastIndexOf(":") + 1);
    expect(await keysMentioning(a.client, prefix, thread)).toEqual([]);
    expect(await keysMentioning(a.client, prefix, CANDIDATE.id)).toEqual([]);
    expect(await keysMentioning(a.client, prefix, "Here is my answer")).toEqual([]);
  });

  it("B drops every interview of a community A erases", async () => {
    const conversation = await start();
    await b.engine.handle(inbound.message(conversation, "Draft"));
    expect(b.engine.cacheSize.sessions).toBe(1);
    await a.desk.eraseCommunity(SCOPE, "workspace-uninstall");
    await eventually(() => b.engine.cacheSize.sessions === 0, 10_000, "B's copies of the community to go");
    expect(await b.engine.handle(inbound.message(conversation, "Still here"))).toBe("ignored");
    expect(await keysMentioning(a.client, prefix, SCOPE)).toEqual([]);
  });

  it("after its subscription was lost and restored, B assumes it missed notices and drops every copy", async () => {
    const conversation = await start();
    await b.engine.handle(inbound.message(conversation, "Draft"));
    expect(b.engine.cacheSize.sessions).toBe(1);
    // Redis drops every subscribed connection; ioredis reconnects and subscribes again by itself.
    await a.client.call("CLIENT", "KILL", "TYPE", "pubsub");
    await eventually(
      () => b.engine.cacheSize.sessions === 0,
      10_000,
      "B to drop its copies after reconnecting",
    );
    // And notices reach it again on the new connection.
    await b.engine.handle(inbound.message(conversation, "Draft again"));
    expect(b.engine.cacheSize.sessions).toBe(1);
    await a.desk.eraseMember(SCOPE, CANDIDATE.id);
    await eventually(() => b.engine.cacheSize.sessions === 0, 10_000, "B's copy to be dropped again");
  });
});
