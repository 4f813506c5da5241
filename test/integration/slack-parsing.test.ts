// The Slack adapter's pure pieces: reading Slack's markup back into what was typed, deciding which
// message events are interview input, conversation keys, and the manifest agreeing with the code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  parseSlackConversation,
  slackConversation,
  tsToMillis,
} from "../../adapters/slack/conversation-keys.ts";
import { BOT_SCOPES, INTERVIEW_COMMAND } from "../../adapters/slack/index.ts";
import { plainTextFromSlack } from "../../adapters/slack/slack-text.ts";
import { classifyMessageEvent } from "../../adapters/slack/thread-messages.ts";

const manifest = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../adapters/slack/manifest.json"), "utf8"),
) as {
  features: { slash_commands: { command: string; url: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url: string };
    interactivity: { request_url: string };
  };
};

describe("plainTextFromSlack", () => {
  it.each([
    ["5 &lt; 6 &amp;&amp; 7 &gt; 3", "5 < 6 && 7 > 3"],
    ["typed &amp;lt; literally", "typed &lt; literally"],
    ["hi <@U123> and <@U456|sam>", "hi @U123 and @sam"],
    ["<!channel> <!here> <!everyone>", "@channel @here @everyone"],
    ["<!subteam^S0LEADS|@leads> <!subteam^S1>", "@leads subteam"],
    ["in <#C123|general> and <#C456>", "in #general and #C456"],
    [
      "see <http://evil.example|click> or <https://a.example/?q=1&amp;r=2>",
      "see click (http://evil.example) or https://a.example/?q=1&r=2",
    ],
    ["<mailto:x@y.example|x@y.example>", "x@y.example"],
    ["<!date^1392734382^{date}|Feb 18, 2014>", "Feb 18, 2014"],
    ["```\ncode &lt;b&gt;\n```", "```\ncode <b>\n```"],
    ["raw <b>html</b> is not markup", "raw <b>html</b> is not markup"],
    ["unbalanced < and > stay", "unbalanced < and > stay"],
  ])("%j → %j", (slack, plain) => {
    expect(plainTextFromSlack(slack)).toBe(plain);
  });
});

describe("classifyMessageEvent", () => {
  const base = { type: "message", channel: "C1", user: "U1", text: "my answer", ts: "1700000000.000200" };
  const reply = { ...base, thread_ts: "1700000000.000100", parent_user_id: "UBOT" };

  it("turns a thread reply into a message event keyed by channel and ts", () => {
    expect(classifyMessageEvent(reply, "T1", "UBOT")).toEqual({
      kind: "message",
      event: {
        type: "message",
        eventId: "C1:1700000000.000200",
        conversation: "slack:T1:C1:1700000000.000100",
        author: { id: "U1", name: "U1" },
        receivedAt: 1_700_000_000_000,
        text: "my answer",
      },
    });
  });

  it("describes files without downloading them", () => {
    const withFiles = {
      ...reply,
      subtype: "file_share",
      text: "",
      files: [{ id: "F1", name: "clip.webm", mimetype: "audio/webm", size: 1234, url_private: "https://x" }],
    };
    expect(classifyMessageEvent(withFiles, "T1", "UBOT")).toMatchObject({
      event: { attachments: [{ name: "clip.webm", contentType: "audio/webm", size: 1234 }] },
    });
  });

  it.each([
    ["a top-level message", base],
    ["a thread's root", { ...reply, ts: reply.thread_ts }],
    ["a reply in a thread someone else started", { ...reply, parent_user_id: "U2" }],
    ["a bot's reply", { ...reply, bot_id: "B1" }],
    ["a bot_message", { ...reply, subtype: "bot_message", user: undefined }],
    ["a channel join", { ...reply, subtype: "channel_join" }],
    ["a malformed event", { type: "message" }],
  ])("ignores %s", (_name, event) => {
    expect(classifyMessageEvent(event, "T1", "UBOT")).toBeNull();
  });

  it("counts a reply also sent to the channel", () => {
    expect(classifyMessageEvent({ ...reply, subtype: "thread_broadcast" }, "T1", "UBOT")?.kind).toBe(
      "message",
    );
  });

  it("reports edits and deletions of thread replies, not reply-count updates", () => {
    const edited = {
      type: "message",
      subtype: "message_changed",
      channel: "C1",
      ts: "1700000001.000000",
      message: { user: "U1", text: "new", ts: reply.ts, thread_ts: reply.thread_ts },
      previous_message: { user: "U1", text: "old", ts: reply.ts, thread_ts: reply.thread_ts },
    };
    expect(classifyMessageEvent(edited, "T1")).toEqual({
      kind: "edit",
      conversation: "slack:T1:C1:1700000000.000100",
      channelId: "C1",
      threadTs: reply.thread_ts,
      userId: "U1",
      messageTs: reply.ts,
    });
    const sameText = { ...edited, message: { ...edited.message, text: "old" } };
    expect(classifyMessageEvent(sameText, "T1")).toBeNull();
    const deleted = { ...edited, subtype: "message_deleted", message: undefined, deleted_ts: reply.ts };
    expect(classifyMessageEvent(deleted, "T1")?.kind).toBe("edit");
  });
});

describe("conversation keys", () => {
  it("round-trips a thread and rejects anything else", () => {
    const thread = { teamId: "T1", channelId: "C2", threadTs: "1700000000.000100" };
    expect(parseSlackConversation(slackConversation(thread))).toEqual(thread);
    expect(parseSlackConversation("discord:1:2")).toBeNull();
    expect(parseSlackConversation("slack:T1:C2")).toBeNull();
    expect(parseSlackConversation("slack:T1:C2:1700000000.000100:extra")).toBeNull();
    expect(tsToMillis("1700000000.000100")).toBe(1_700_000_000_000);
  });
});

describe("manifest.json", () => {
  it("asks for exactly the scopes the OAuth install requests", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it("subscribes to the events and the command the bot handles, all on Bolt's one endpoint", () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(
      ["app_uninstalled", "message.channels", "message.groups", "message.im", "tokens_revoked"].sort(),
    );
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual([INTERVIEW_COMMAND]);
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((command) => command.url),
    ];
    expect(new Set(urls)).toEqual(new Set(["https://YOUR-HOST/slack/events"]));
  });
});
