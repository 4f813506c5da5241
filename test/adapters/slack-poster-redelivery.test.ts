// Slack's chat.postMessage has no idempotency key. Every post carries its outbox key as message metadata, and a
// redelivery (after a crash, or by another process) reads the thread first and skips what is already there. Each
// SlackPoster here is a fresh process: it remembers nothing of what another one posted.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SlackPoster } from "../../adapters/slack/post-outbound.ts";
import { renderSlackMessage } from "../../adapters/slack/render/index.ts";
import { WorkspaceClients } from "../../adapters/slack/workspace-clients.ts";
import type { OutboundMessage, Visibility } from "../../src/core/model/reply.ts";
import {
  recordingLogger,
  type SlackWebApiEmulator,
  slackDefaults,
  startSlackWebApiEmulator,
} from "../emulators/slack/index.ts";
import { recordingCoreLogger } from "../support/slack-stack.ts";

let emulator: SlackWebApiEmulator;
let threadTs: string;
let conversation: string;

beforeEach(async () => {
  emulator = await startSlackWebApiEmulator();
  threadTs = emulator.addUserMessage({ text: "Mock interview: Analyst at Acme" }).ts;
  conversation = `slack:${slackDefaults.teamId}:${slackDefaults.channelId}:${threadTs}`;
});

afterEach(async () => {
  await emulator.close();
});

/** A poster as one process has it: its own Web API client and no memory of other processes' posts. */
function freshProcess(logger = recordingCoreLogger(), timeoutMs = 2_000): SlackPoster {
  const clients = new WorkspaceClients({
    botToken: slackDefaults.botToken,
    clientOptions: {
      slackApiUrl: emulator.apiUrl,
      retryConfig: { retries: 0, minTimeout: 0, maxTimeout: 0 },
      timeout: timeoutMs,
      logger: recordingLogger(),
    },
  });
  return new SlackPoster(clients, logger);
}

function message(
  key: string,
  texts: string[],
  visibility: Visibility = { kind: "conversation" },
): OutboundMessage {
  return {
    idempotencyKey: key,
    conversation,
    visibility,
    replies: texts.map((text) => ({ kind: "text", tone: "notice", text })),
    actions: [],
  };
}

/** Three paragraphs of 5,000 characters: more block text than one message takes, so two or more posts. */
function longMessage(key: string): OutboundMessage {
  return message(
    key,
    ["a", "b", "c"].map((letter) => `${letter.repeat(4_000)} ${letter}-end`),
  );
}

const renderedParts = (outbound: OutboundMessage) => renderSlackMessage(outbound).length;

const posts = () => emulator.sent.filter((sent) => sent.method === "chat.postMessage");
const postedKeys = () =>
  emulator
    .messagesIn(slackDefaults.channelId, threadTs)
    .map(
      (posted) => (posted.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key,
    );

describe("SlackPoster: the entry's key travels with every post", () => {
  it("attaches the key of each part as message metadata", async () => {
    expect(renderedParts(longMessage("s-1:4"))).toBeGreaterThan(1);
    await freshProcess().send(longMessage("s-1:4"));
    const parts = emulator.messagesIn(slackDefaults.channelId, threadTs);
    expect(parts.map((posted) => posted.metadata)).toEqual(
      parts.map((_, part) => ({
        event_type: "secondround_message",
        event_payload: { key: `s-1:4#${part}` },
      })),
    );
  });
});

describe("SlackPoster: a redelivery posts only what the thread does not hold yet", () => {
  it("skips a message another process posted before it died", async () => {
    await freshProcess().send(message("s-1:1", ["Question 2 of 6: tell me about a conflict."]));
    expect(posts()).toHaveLength(1);

    await freshProcess().send(message("s-1:1", ["Question 2 of 6: tell me about a conflict."]), {
      redelivery: true,
    });

    expect(posts()).toHaveLength(1);
    const read = emulator.callsTo("conversations.replies").at(-1);
    expect(read?.args).toMatchObject({
      channel: slackDefaults.channelId,
      ts: threadTs,
      include_all_metadata: "true",
    });
  });

  it("posts a message that is not in the thread, once, with its key", async () => {
    await freshProcess().send(message("s-1:2", ["Answer recorded: 120 words."]), { redelivery: true });

    expect(posts()).toHaveLength(1);
    expect(postedKeys()).toEqual(["s-1:2#0"]);
  });

  it("posts only the parts of a split message that a dead process did not get to", async () => {
    const report = longMessage("s-1:9");
    // The first process posts part 0; its request for part 1 never reaches Slack (it dies waiting).
    let postsSeen = 0;
    emulator.holdCalls({
      mode: "before",
      match: (call) => call.method === "chat.postMessage" && ++postsSeen === 2,
    });
    await expect(freshProcess(recordingCoreLogger(), 300).send(report)).rejects.toThrow();
    expect(postedKeys()).toEqual(["s-1:9#0"]);

    await freshProcess().send(report, { redelivery: true });

    const keys = postedKeys();
    const parts = renderedParts(report);
    expect(keys).toEqual(Array.from({ length: parts }, (_, part) => `s-1:9#${part}`));
  });

  it("finds a key on any page of a long thread", async () => {
    // More replies than one page of conversations.replies: the check follows the cursor to the newest.
    for (let index = 0; index < 130; index += 1)
      emulator.addUserMessage({ text: `answer line ${index}`, threadTs });
    await freshProcess().send(message("s-1:3", ["Question 3 of 6"]));
    const before = posts().length;

    await freshProcess().send(message("s-1:3", ["Question 3 of 6"]), { redelivery: true });

    expect(posts()).toHaveLength(before);
    expect(emulator.callsTo("conversations.replies").length).toBeGreaterThan(1);
  });

  it("does not read the thread for a first delivery", async () => {
    await freshProcess().send(message("s-1:5", ["Hint: think of a number."]));
    expect(emulator.callsTo("conversations.replies")).toHaveLength(0);
  });

  it("posts a private note again: ephemeral messages cannot be looked up", async () => {
    const note = message("s-1:6", ["Only you can see this."], {
      kind: "private",
      userId: slackDefaults.userId,
    });
    await freshProcess().send(note);
    await freshProcess().send(note, { redelivery: true });

    expect(emulator.sent.filter((sent) => sent.method === "chat.postEphemeral")).toHaveLength(2);
    expect(emulator.callsTo("conversations.replies")).toHaveLength(0);
  });

  it("keeps the message for later when the thread cannot be read for now", async () => {
    emulator.failNext("conversations.replies", "internal_error");
    await expect(
      freshProcess().send(message("s-1:7", ["Question 4 of 6"]), { redelivery: true }),
    ).rejects.toMatchObject({ data: { error: "internal_error" } });
    expect(posts()).toHaveLength(0);
  });

  it("posts when reading is refused for good (a missing scope), and says so once", async () => {
    const logger = recordingCoreLogger();
    const poster = freshProcess(logger);
    emulator.failNext("conversations.replies", "missing_scope", { times: 2 });
    await poster.send(message("s-1:8", ["Question 5 of 6"]), { redelivery: true });
    await poster.send(message("s-1:10", ["Question 6 of 6"]), { redelivery: true });

    expect(postedKeys()).toEqual(["s-1:8#0", "s-1:10#0"]);
    const warnings = logger.lines.filter((line) => line.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields).toMatchObject({ reason: "missing_scope" });
  });
});
