import type { ConversationKey } from "../../src/core/model/conversation.ts";

/** Where an interview runs: the thread under the bot's parent message in one channel of one workspace. */
export interface SlackThread {
  readonly teamId: string;
  readonly channelId: string;
  /** The parent message's ts, which is also the thread's id. */
  readonly threadTs: string;
}

/** "slack:<team>:<channel>:<thread ts>". Slack ids and timestamps never contain ":". */
export function slackConversation(thread: SlackThread): ConversationKey {
  return `slack:${thread.teamId}:${thread.channelId}:${thread.threadTs}`;
}

export function parseSlackConversation(key: string): SlackThread | null {
  const match = /^slack:([A-Z0-9]+):([A-Z0-9]+):(\d+\.\d+)$/.exec(key);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  return { teamId: match[1], channelId: match[2], threadTs: match[3] };
}

/**
 * The community of a workspace: one running interview per candidate per workspace, and the unit
 * erased on uninstall. Every key of the workspace (interviews, claims, tokens) starts with it.
 */
export function slackScope(teamId: string): `slack:${string}` {
  return `slack:${teamId}`;
}

/** Slack message timestamps are seconds with microseconds ("1700000000.000100"). */
export function tsToMillis(ts: string): number {
  const seconds = Number.parseFloat(ts);
  return Number.isFinite(seconds) ? Math.round(seconds * 1000) : 0;
}
