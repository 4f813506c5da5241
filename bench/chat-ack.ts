import { parseArgs } from "node:util";
import { createOfflineCoach } from "../src/coach/offline-coach.ts";
import type { Coach } from "../src/core/ports/coach-port.ts";
import { DiscordEmulator } from "../test/emulators/discord/index.ts";
import { startDiscordStack } from "../test/support/discord-stack.ts";
import { startThrowawayRedis } from "../test/support/throwaway-redis.ts";
import { percentile } from "./redis-metrics.ts";

/**
 * Discord's 3-second rule under load: `--rate` slash commands per second for `--seconds`, from as
 * many members, while the coach takes `--coach-ms` to prepare each interview (a slow model). The
 * real discord.js bot runs against the local Discord emulator and a throwaway Redis; the figure is
 * the emulator's own clock from dispatching INTERACTION_CREATE to the bot's first response.
 */
const { values } = parseArgs({
  options: {
    rate: { type: "string", default: "50" },
    seconds: { type: "string", default: "10" },
    "coach-ms": { type: "string", default: "20000" },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const coachMs = Number(values["coach-ms"]);

const redis = process.env.REDIS_URL
  ? { url: process.env.REDIS_URL, stop: async () => {} }
  : await startThrowawayRedis();
const offline = createOfflineCoach();
const slowCoach: Coach = Object.assign(Object.create(offline) as Coach, {
  async planQuestions(request: Parameters<Coach["planQuestions"]>[0]) {
    await new Promise((resolve) => setTimeout(resolve, coachMs));
    return offline.planQuestions(request);
  },
});
const discord = new DiscordEmulator();
await discord.start();
const stack = await startDiscordStack(discord, {
  keyPrefix: `srbench-ack-${Date.now().toString(36)}`,
  coach: slowCoach,
  redisUrl: redis.url,
});

const records: Awaited<ReturnType<DiscordEmulator["runSlashCommand"]>>[] = [];
const started = performance.now();
for (let second = 0; second < seconds; second += 1) {
  const tick = performance.now();
  for (let index = 0; index < rate; index += 1) {
    const user = discord.addUser({ username: `member-${second}-${index}` });
    records.push(
      await discord.runSlashCommand({
        userId: user.id,
        channelId: discord.defaultChannelId,
        name: "interview",
        subcommand: "start",
        options: { role: "Analyst", company: "Acme" },
      }),
    );
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, (1000 / rate) * (index + 1) - (performance.now() - tick))),
    );
  }
}
await discord.waitFor(
  () => records.every((record) => record.acknowledgedAt !== null),
  10_000,
  "every acknowledgement",
);
const ackMs = records.map((record) => (record.acknowledgedAt ?? Number.NaN) - record.dispatchedAt);
const unknownInteraction = discord.rejected.filter((rejection) => rejection.code === 10062).length;
console.log(
  `Discord acknowledgement under load: ${records.length} /interview start commands at ${rate}/s for ${seconds} s, coach ${coachMs} ms per interview`,
);
console.log(
  `  time to first response  p50 ${percentile(ackMs, 50).toFixed(0)} ms   p99 ${percentile(ackMs, 99).toFixed(0)} ms   max ${Math.max(...ackMs).toFixed(0)} ms   (Discord's limit: 3,000 ms)`,
);
console.log(`  "Unknown interaction" (10062) rejections: ${unknownInteraction}`);
console.log(`  sending took ${((performance.now() - started) / 1000).toFixed(1)} s`);
await stack.stop().catch(() => {});
await discord.stop();
await redis.stop();
process.exit(0);
