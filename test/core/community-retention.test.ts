import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CommunityAdmin } from "../../src/core/engine/community-admin.ts";
import { InterviewDesk } from "../../src/core/engine/interview-desk.ts";
import { communityRetentionFigures, privacyOverviewText } from "../../src/core/engine/privacy-copy.ts";
import { StoryBank } from "../../src/core/engine/story-bank.ts";
import {
  CommunitySettingsSchema,
  MAX_RETENTION_DAYS,
  retentionPeriodMs,
} from "../../src/core/model/community-settings.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import type { EngineJob } from "../../src/core/ports/engine-jobs.ts";
import type { Logger } from "../../src/core/ports/ports.ts";
import { PROGRESS_RETENTION_MS } from "../../src/core/ports/progress-store.ts";
import { STORY_BANK_RETENTION_MS } from "../../src/core/ports/story-store.ts";
import { BullmqJobQueue } from "../../src/jobs/bullmq-job-queue.ts";
import { yamlSettingsCodec } from "../../src/settings/yaml-settings-codec.ts";
import { FieldCipher } from "../../src/store/field-cipher.ts";
import { RedisCandidateDirectory } from "../../src/store/redis-candidate-directory.ts";
import { RedisCommunitySettingsStore } from "../../src/store/redis-community-settings-store.ts";
import { RedisProgressStore } from "../../src/store/redis-progress-store.ts";
import { RedisRoundOneLogStore } from "../../src/store/redis-round-one-log-store.ts";
import { RedisSessionStore } from "../../src/store/redis-session-store.ts";
import { RedisStoryStore } from "../../src/store/redis-story-store.ts";
import { DEFAULT_ROUND_ONE_LOG_TTL_MS } from "../../src/store/round-one-log-keys.ts";
import { DEFAULT_SESSION_TTL_MS } from "../../src/store/store-ttls.ts";
import { progressEntry } from "../contracts/progress-store.contract.ts";
import { sampleRoundOneLog } from "../contracts/round-one-log-store.contract.ts";
import { story } from "../contracts/story-store.contract.ts";
import { ManualClock, makeEngine } from "../support/engine-harness.ts";
import { redisUrl, testRedisClient, uniquePrefix } from "../support/redis-test-client.ts";
import { sampleSession } from "../support/sample-session.ts";

const DAY = 24 * 60 * 60_000;
const KEPT = "discord:retention-kept";
const OTHER = "discord:retention-other";
const MEMBER = "user-1";

function setup(jobs?: BullmqJobQueue) {
  const client = testRedisClient();
  const prefix = uniquePrefix("retention");
  const clock = new ManualClock();
  // Sealed at rest, as in production: the sweep must still read the dates.
  const cipher = new FieldCipher([{ id: "k1", key: randomBytes(32) }]);
  const store = new RedisSessionStore({ client, keyPrefix: prefix, cipher });
  const directory = new RedisCandidateDirectory({ client, keyPrefix: prefix });
  const settings = new RedisCommunitySettingsStore({ client, keyPrefix: prefix });
  // As serve wires them: writes expire with the community's period where it is shorter.
  const periodOf = async (scope: string) => retentionPeriodMs(await settings.get(scope));
  const progress = new RedisProgressStore({ client, keyPrefix: prefix, periodOf });
  const roundOneLogs = new RedisRoundOneLogStore({ client, keyPrefix: prefix, cipher, periodOf });
  const storyStore = new RedisStoryStore({ client, keyPrefix: prefix, cipher, periodOf });
  const { engine } = makeEngine({ store, clock });
  const audit: { message: string; fields: Record<string, unknown> }[] = [];
  const logger: Logger = {
    debug() {},
    info: (message, fields = {}) => audit.push({ message, fields }),
    warn: (message, fields = {}) => audit.push({ message, fields }),
    error() {},
  };
  const desk = new InterviewDesk({
    engine,
    store,
    directory,
    progress,
    roundOneLogs,
    stories: new StoryBank(storyStore, clock),
    settings,
    clock,
    logger,
    ...(jobs ? { jobs } : {}),
  });
  const admin = new CommunityAdmin({ store: settings, codec: yamlSettingsCodec, clock, logger });

  /** One member's data in a community, last changed `ageDays` ago: an interview, a round-1 log, progress, a story. */
  const seed = async (scope: string, label: string, ageDays: number) => {
    const at = clock.now() - ageDays * DAY;
    const conversation = `${scope}:thread-${label}` as ConversationKey;
    const session = { ...sampleSession(conversation, `session-${label}`), updatedAt: at };
    const created = await store.commit({
      conversation,
      previous: null,
      next: session,
      eventId: `ev-${label}`,
    });
    if (created.status !== "committed") throw new Error(created.status);
    await directory.record(scope, MEMBER, conversation, at);
    await progress.record(scope, MEMBER, progressEntry(`session-${label}`, at));
    await roundOneLogs.put(scope, MEMBER, sampleRoundOneLog(`Company ${label}`, at));
    await storyStore.put(scope, MEMBER, [story(`story-${label}`, { updatedAt: at })]);
    return conversation;
  };

  /** Every key under the deployment's prefix matching `glob` (SCAN, as an operator would look). */
  const keys = async (glob: string): Promise<string[]> => {
    const found: string[] = [];
    for await (const batch of client.scanStream({ match: `${prefix}:${glob}`, count: 500 }) as AsyncIterable<
      string[]
    >)
      found.push(...batch);
    return found.sort();
  };

  const memberData = async (scope: string) => ({
    progress: (await progress.list(scope, MEMBER)).map((entry) => entry.sessionId).sort(),
    roundOneLogs: (await roundOneLogs.list(scope, MEMBER)).map((log) => log.company).sort(),
    stories: (await storyStore.list(scope, MEMBER)).map((kept) => kept.id).sort(),
    interviews: (await directory.recent(scope, MEMBER, 100)).sort(),
  });

  return { client, prefix, clock, desk, admin, settings, seed, keys, memberData, audit };
}

describe("a community's retention period", () => {
  it("deletes the community's data older than the period, keeps newer data and other communities' data", async () => {
    const { clock, desk, admin, seed, keys, memberData, audit } = setup();
    const old = await seed(KEPT, "old", 40);
    const recent = await seed(KEPT, "recent", 5);
    const othersOld = await seed(OTHER, "others-old", 40);

    const changed = await admin.update(KEPT, { id: "admin-1" }, { retentionDays: 30 });
    expect(changed).toMatchObject({ ok: true, changed: ["retentionDays"] });
    // The change is audited like any other: who, where, which field, never the value.
    expect(audit.at(-1)?.fields).toMatchObject({ audit: "settings-change", fields: ["retentionDays"] });

    expect(await desk.applyDueRetention(clock.now())).toEqual([KEPT]);
    expect(await keys(`*${old.slice(KEPT.length + 1)}*`)).toEqual([]);
    expect((await keys(`*${recent.slice(KEPT.length + 1)}*`)).length).toBeGreaterThan(0);
    expect(await memberData(KEPT)).toEqual({
      progress: ["session-recent"],
      roundOneLogs: ["Company recent"],
      stories: ["story-recent"],
      interviews: [recent],
    });
    // Another community, with no period of its own, keeps everything.
    expect(await memberData(OTHER)).toEqual({
      progress: ["session-others-old"],
      roundOneLogs: ["Company others-old"],
      stories: ["story-others-old"],
      interviews: [othersOld],
    });
    const line = audit.find((entry) => entry.fields.audit === "retention");
    expect(line?.fields).toMatchObject({
      scope: KEPT,
      retentionDays: 30,
      interviews: 1,
      roundOneLogs: 1,
      progressEntries: 1,
      stories: 1,
    });
    expect(JSON.stringify(line)).not.toContain(MEMBER);
  });

  it("removes the job records naming the interviews it deletes, and no other", async () => {
    const jobsPrefix = uniquePrefix("retention-jobs");
    const jobs = new BullmqJobQueue({
      redis: { topology: "standalone", url: redisUrl() },
      keyPrefix: jobsPrefix,
      provider: "127.0.0.1:8080",
      coachRateLimit: { max: 100, durationMs: 1_000 },
      coachConcurrency: 1,
      concurrency: 1,
      lockDurationMs: 5_000,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    try {
      const { client, clock, desk, admin, seed } = setup(jobs);
      const old = await seed(KEPT, "old-jobs", 40);
      const recent = await seed(KEPT, "recent-jobs", 5);
      const summary = (conversation: ConversationKey, sessionId: string): EngineJob => ({
        kind: "coach-task",
        conversation,
        sessionId,
        task: "summarise",
        questionId: null,
      });
      // Delayed, so they stay as records (no worker runs here).
      await jobs.enqueue(summary(old, "session-old-jobs"), 3_600_000);
      await jobs.enqueue(summary(recent, "session-recent-jobs"), 3_600_000);
      const recordsNaming = async (conversation: string) => {
        const found: string[] = [];
        for (const key of await client.keys(`{${jobsPrefix}-jobs}:*`))
          if ((await client.type(key)) === "hash" && (await client.hget(key, "data"))?.includes(conversation))
            found.push(key);
        return found;
      };
      expect(await recordsNaming(old)).toHaveLength(1);
      await admin.update(KEPT, { id: "admin-1" }, { retentionDays: 30 });
      await desk.applyDueRetention(clock.now());
      expect(await recordsNaming(old)).toEqual([]);
      expect(await recordsNaming(recent)).toHaveLength(1);
    } finally {
      await jobs.close();
    }
  });

  it("lets what remains expire when it passes the period, never later than before", async () => {
    const { client, prefix, clock, desk, admin, seed } = setup();
    await seed(KEPT, "ten-days", 10);
    await admin.update(KEPT, { id: "admin-1" }, { retentionDays: 30 });
    await desk.applyDueRetention(clock.now());
    const ttl = await client.pttl(`${prefix}:v1:{${KEPT}}:progress:${MEMBER}`);
    // 20 days left of its 30 (the store's own TTL was a year).
    expect(ttl).toBeGreaterThan(19 * DAY);
    expect(ttl).toBeLessThanOrEqual(20 * DAY);
  });

  it("sets what members write in the community to expire with its period", async () => {
    const { client, prefix, admin, seed } = setup();
    await admin.update(KEPT, { id: "admin-1" }, { retentionDays: 7 });
    await seed(KEPT, "written-now", 0);
    await seed(OTHER, "written-now", 0);
    for (const kind of ["progress", "round1", "stories"]) {
      const ttl = await client.pttl(`${prefix}:v1:{${KEPT}}:${kind}:${MEMBER}`);
      expect(ttl, kind).toBeGreaterThan(6 * DAY);
      expect(ttl, kind).toBeLessThanOrEqual(7 * DAY);
      // Another community keeps the stores' own year.
      expect(await client.pttl(`${prefix}:v1:{${OTHER}}:${kind}:${MEMBER}`), kind).toBeGreaterThan(300 * DAY);
    }
  });

  it("applies a shorter period to data already stored, at the next pass", async () => {
    const { clock, desk, admin, seed, keys, memberData } = setup();
    await seed(KEPT, "five-days", 5);
    await admin.update(KEPT, { id: "admin-1" }, { retentionDays: 30 });
    expect(await desk.applyDueRetention(clock.now())).toEqual([KEPT]);
    // Not again within the hour…
    clock.advance(10 * 60_000);
    expect(await desk.applyDueRetention(clock.now())).toEqual([]);
    // …unless the period changes: a shorter one reaches what is already kept at once.
    await admin.update(KEPT, { id: "admin-1" }, { retentionDays: 3 });
    expect(await desk.applyDueRetention(clock.now())).toEqual([KEPT]);
    expect(await memberData(KEPT)).toEqual({ progress: [], roundOneLogs: [], stories: [], interviews: [] });
    // No key of the member's data in the community is left (only its settings).
    expect(await keys(`*{${KEPT}*`)).toEqual([`${(await keys(`*{${KEPT}}:settings`))[0]}`]);
    // And an hour later it is applied again, to data that has aged since.
    await seed(KEPT, "two-days", 2);
    clock.advance(2 * DAY);
    expect(await desk.applyDueRetention(clock.now())).toEqual([KEPT]);
    expect((await memberData(KEPT)).interviews).toEqual([]);
  });

  it("stops when the period is removed, and keeps everything from then on", async () => {
    const { clock, desk, admin, seed, memberData } = setup();
    await admin.update(KEPT, { id: "admin-1" }, { retentionDays: 2 });
    await admin.update(KEPT, { id: "admin-1" }, { retentionDays: null });
    await seed(KEPT, "old", 40);
    expect(await desk.applyDueRetention(clock.now())).toEqual([]);
    expect((await memberData(KEPT)).progress).toEqual(["session-old"]);
  });
});

describe("the retention setting's bounds", () => {
  it("goes no longer than the longest any store keeps anything", () => {
    const longest = Math.max(
      DEFAULT_SESSION_TTL_MS,
      DEFAULT_ROUND_ONE_LOG_TTL_MS,
      PROGRESS_RETENTION_MS,
      STORY_BANK_RETENTION_MS,
      365 * DAY, // SECONDROUND_SESSION_TTL_DAYS at most (config.ts)
    );
    expect(MAX_RETENTION_DAYS * DAY).toBe(longest);
  });

  it("refuses a longer (or shorter, or fractional) period with a clear message, changing nothing", async () => {
    const { admin, settings } = setup();
    const longer = await admin.update(KEPT, { id: "admin-1" }, { retentionDays: MAX_RETENTION_DAYS + 1 });
    expect(longer).toEqual({
      ok: false,
      problems: ["retentionDays: retentionDays can be at most 365 days: SecondRound keeps nothing longer"],
    });
    expect(CommunitySettingsSchema.safeParse({ retentionDays: 0 }).success).toBe(false);
    expect(CommunitySettingsSchema.safeParse({ retentionDays: 1.5 }).success).toBe(false);
    expect(await settings.get(KEPT)).toEqual({ version: 1 });
  });

  it("shortens the figures `/interview privacy` shows, never lengthens them", () => {
    const deployment = {
      interviewsMs: 30 * DAY,
      roundOneLogsMs: 365 * DAY,
      progressMs: 365 * DAY,
      storiesMs: 365 * DAY,
      storySuggestionsMs: 90 * DAY,
      jobRecordsMs: 25 * 3_600_000,
    };
    const text = privacyOverviewText(communityRetentionFigures(deployment, 60), "server");
    expect(text).toContain("Kept 30 days after an interview's last change");
    expect(text).toContain("Kept 60 days after you last change one");
    expect(text).toContain("Kept 60 days after your latest finished interview");
    expect(communityRetentionFigures(deployment, undefined)).toBe(deployment);
  });
});
