// Identities shared by the inbound builders and the Web API emulator. They live in one place so a slash command
// built with the defaults names the same team, bot and channel the emulator's default workspace knows about.
import { randomBytes } from "node:crypto";

/** The default workspace: what `startSlackWebApiEmulator()` registers and what every inbound builder assumes. */
export const slackDefaults = {
  teamId: "T0SECONDRD",
  teamName: "SecondRound Test",
  teamDomain: "secondround-test",
  appId: "A0SECONDRD",
  botId: "B0SECONDRD",
  botUserId: "U0SECONDRD",
  botName: "secondround",
  botToken: "xoxb-secondround-default-token",
  /** The deprecated verification token Slack still puts in payloads; Bolt ignores it. */
  verificationToken: "legacy-verification-token",
  userId: "U0CANDIDATE",
  userName: "casey",
  channelId: "C0PRACTICE",
  channelName: "interview-practice",
  /** A public channel the bot was never invited to: posting there answers `not_in_channel`. */
  notJoinedChannelId: "C0NOTJOINED",
  notJoinedChannelName: "watercooler",
} as const;

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A Slack-looking id such as `F07ABC1234` (prefix + uppercase alphanumerics). */
export function slackId(prefix: string, length = 9): string {
  const bytes = randomBytes(length);
  let id = prefix;
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return id;
}

/** Shaped like Slack's `12345.98765.abcd2358fdea`; unique per call. */
export function triggerIdLike(): string {
  return `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString("hex")}`;
}

let lastTsMicros = 0;

/**
 * A message `ts` such as `1764000000.000100`: wall-clock microseconds, forced strictly increasing and shared by
 * inbound builders and the emulator, so a user's root message and the bot's replies sort in the order they were
 * made and never collide.
 */
export function nextMessageTs(nowMs = Date.now()): string {
  lastTsMicros = Math.max(nowMs * 1000, lastTsMicros + 100);
  const seconds = Math.floor(lastTsMicros / 1_000_000);
  const micros = lastTsMicros % 1_000_000;
  return `${seconds}.${String(micros).padStart(6, "0")}`;
}

/** Unix seconds, the unit of every Slack timestamp header and `event_time`. */
export function unixSeconds(nowMs = Date.now()): number {
  return Math.floor(nowMs / 1000);
}

/**
 * Where builders send `response_url` when a test does not pass one: a closed loopback port, so a stray
 * `respond()` fails fast with ECONNREFUSED instead of reaching hooks.slack.com.
 */
export const unreachableResponseUrl = "http://127.0.0.1:1/response-url-not-issued";
