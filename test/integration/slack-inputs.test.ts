// What candidates and others send that is not a plain answer: hostile or oversized CVs, voice clips and
// files in the thread, other people's messages and button presses, bots, edits and deletions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTICES } from "../../src/core/interview/copy.ts";
import { VOICE_NOTICES } from "../../src/core/interview/voice-copy.ts";
import { sessionKey } from "../../src/store/store-keys.ts";
import {
  botMessageEvent,
  eventCallback,
  messageChangedEvent,
  messageDeletedEvent,
  messageEvent,
  type SlackWebApiEmulator,
  slackDefaults,
  startSlackWebApiEmulator,
} from "../emulators/slack/index.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  buttonPress,
  CASEY,
  commandReply,
  ephemeralTexts,
  interviewCommand,
  latestTurnId,
  openStartForm,
  parentMessage,
  type SlackPerson,
  slackPerson,
  startInterview,
  startSubmission,
  threadReply,
  threadTexts,
} from "../support/slack-candidate.ts";
import { EXECUTABLE_BYTES } from "../support/slack-fixtures.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";

let emulator: SlackWebApiEmulator;
let stack: SlackStack;

const keyPrefix = uniquePrefix("slack-inputs");

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, { keyPrefix });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

const person = (userId: string, userName: string) => slackPerson(emulator, userId, userName);

async function submitWithCv(who: SlackPerson, cv: Parameters<typeof startSubmission>[2]["cv"]) {
  const view = await openStartForm(stack, emulator, who);
  const response = await stack.send(startSubmission(view, who, { cv }));
  await stack.settle();
  return response;
}

describe("CV uploads", () => {
  it("refuses an executable named .pdf with the document problem, and starts nothing", async () => {
    const mallory = person("U0MALLORY", "mallory");
    const cv = emulator.hostFile({ name: "cv.pdf", mimetype: "application/pdf", bytes: EXECUTABLE_BYTES });

    const response = await submitWithCv(mallory, cv);

    expect(response.status).toBe(200);
    expect(ephemeralTexts(emulator, mallory.channelId, mallory.userId)).toEqual([
      "I can't use your CV (cv.pdf): it is not a PDF, Word (.docx), text or Markdown file. Nothing was started; please try again with another file, or without it.",
    ]);
    expect(parentMessage(emulator, mallory)).toBeUndefined();
    expect(await stack.services.desk.history(`slack:${mallory.teamId}`, mallory.userId)).toEqual([]);
  });

  it("stops a file declared over 5 MB in the form, before downloading it", async () => {
    const olive = person("U0OLIVE", "olive");
    const cv = emulator.hostFile({
      name: "huge.pdf",
      mimetype: "application/pdf",
      bytes: "%PDF-1.7\n",
      extra: { size: 6 * 1024 * 1024 },
    });

    const response = await submitWithCv(olive, cv);

    expect(response.json).toEqual({
      response_action: "errors",
      errors: { cv: "This file is larger than the 5 MB limit." },
    });
    expect(emulator.fileDownloads.filter((download) => download.fileId === cv.id)).toEqual([]);
  });

  it("cuts off a download that turns out larger than 5 MB, whatever the file claimed", async () => {
    const pete = person("U0PETE", "pete");
    const cv = emulator.hostFile({
      name: "cv.txt",
      mimetype: "text/plain",
      bytes: Buffer.alloc(5 * 1024 * 1024 + 1, 0x61),
      extra: { size: 2_048 },
    });

    await submitWithCv(pete, cv);

    expect(ephemeralTexts(emulator, pete.channelId, pete.userId)).toEqual([
      "I can't use your CV (cv.txt): it is larger than the 5 MB limit. Nothing was started; please try again with another file, or without it.",
    ]);
    expect(parentMessage(emulator, pete)).toBeUndefined();
  });
});

describe("where the bot cannot post", () => {
  it("says so at once when /interview start is sent where the app is not, without opening the form", async () => {
    emulator.addChannel({ id: "G0SECRET", name: "secret-plans", isPrivate: true, isMember: false });
    const places = [slackDefaults.notJoinedChannelId, "G0SECRET", "D0TWOPEOPLE"];
    for (const channelId of places) {
      const olga = { ...person("U0OLGA", "olga"), channelId };
      const { request, triggerId, responseUrl } = interviewCommand(emulator, olga, "start");
      const response = await stack.send(request);
      await stack.settle();

      expect(response.status).toBe(200);
      expect(await commandReply(emulator, responseUrl), channelId).toBe(
        "I can't post in this conversation, so I can't interview you here. Invite me to the channel (`/invite @SecondRound`), or send `/interview start` in a direct message with me.",
      );
      expect(emulator.callsTo("views.open").filter((call) => call.args.trigger_id === triggerId)).toEqual([]);
    }
    // Where the app is a member (a channel, the DM with the app), the form opens as before.
    const view = await openStartForm(stack, emulator, person("U0OLGA", "olga"));
    expect(view.callback_id).toBe("sr_start");
  });

  it("tells the candidate in their DM with the app when it was removed while the form was open", async () => {
    emulator.addChannel({ id: "C0LEAVING", name: "leaving" });
    const nina = { ...person("U0NINA", "nina"), channelId: "C0LEAVING" };

    const view = await openStartForm(stack, emulator, nina);
    emulator.addChannel({ id: "C0LEAVING", name: "leaving", isMember: false });
    await stack.send(startSubmission(view, nina, {}));
    await stack.settle();

    const direct = emulator.sent.filter(
      (sent) => sent.method === "chat.postMessage" && sent.channel === "D0NINA",
    );
    expect(direct.map((sent) => sent.text)).toEqual([
      "I can't post in that conversation, so your interview was not started. Invite me to the channel (`/invite @SecondRound`), or send `/interview start` in a direct message with me.",
    ]);
    expect(await stack.services.desk.activeInterview(`slack:${nina.teamId}`, nina.userId)).toBeNull();
    // The failed start holds nothing: the same person can start elsewhere at once.
    await startInterview(stack, emulator, { ...nina, channelId: CASEY.channelId }, { questions: "1" });
  });
});

describe("in the interview thread", () => {
  let threadTs: string;
  const quinn = () => ({ ...CASEY, userId: "U0QUINN", userName: "quinn" });

  beforeAll(async () => {
    emulator.addUser({ id: "U0QUINN", name: "quinn" });
    emulator.addUser({ id: "U0STRANGER", name: "stranger" });
    ({ threadTs } = await startInterview(stack, emulator, quinn(), { questions: "2" }));
  });

  const draft = async () =>
    (await stack.session(`slack:${CASEY.teamId}:${CASEY.channelId}:${threadTs}`))?.turn?.draft.map(
      (message) => message.text,
    ) ?? [];

  it("answers a voice clip with the voice notice and a file with the files notice", async () => {
    const clip = emulator.hostFile({
      name: "audio_message.webm",
      mimetype: "audio/webm",
      bytes: "not really audio",
      extra: { subtype: "slack_audio" },
    });
    const slides = emulator.hostFile({ name: "notes.pdf", mimetype: "application/pdf", bytes: "%PDF-1.7\n" });

    await stack.send(threadReply(quinn(), threadTs, "", { files: [clip] }));
    await stack.settle();
    await stack.send(threadReply(quinn(), threadTs, "Here are my notes", { files: [slides] }));
    await stack.settle();

    const texts = threadTexts(emulator, CASEY.channelId, threadTs);
    expect(texts).toContain(VOICE_NOTICES.noProvider);
    expect(texts).toContain(NOTICES.filesNotRead);
    // Text sent with a file still counts; the files themselves are never downloaded.
    expect(await draft()).toEqual(["Here are my notes"]);
    expect(
      emulator.fileDownloads.filter((download) => [clip.id, slides.id].includes(download.fileId)),
    ).toEqual([]);
  });

  it("ignores other people's messages and bots, and answers another person's button press privately", async () => {
    const stranger = { ...quinn(), userId: "U0STRANGER", userName: "stranger" };
    const before = threadTexts(emulator, CASEY.channelId, threadTs).length;

    await stack.send(threadReply(stranger, threadTs, "Can I answer too?"));
    await stack.send(eventCallback(botMessageEvent({ threadTs, text: "another integration says hi" })));
    await stack.send(eventCallback(messageEvent({ user: quinn().userId, text: "a top-level message" })));
    await stack.send(
      buttonPress(stranger, threadTs, "skip", latestTurnId(emulator, CASEY.channelId, threadTs) ?? ""),
    );
    await stack.settle();

    expect(threadTexts(emulator, CASEY.channelId, threadTs)).toHaveLength(before);
    expect(await draft()).toEqual(["Here are my notes"]);
    const privateReplies = emulator
      .ephemeralsIn(CASEY.channelId)
      .filter((message) => message.recipient === stranger.userId);
    expect(privateReplies).toEqual([
      expect.objectContaining({ text: NOTICES.notYourInterview, thread_ts: threadTs }),
    ]);
  });

  it("does not apply edits or deletions, and tells the candidate once per message", async () => {
    const sent = threadReply(quinn(), threadTs, "I led the migration.");
    await stack.send(sent);
    await stack.settle();
    const ts = (JSON.parse(sent.body) as { event: { ts: string } }).event.ts;
    const edit = (text: string, previousText: string) =>
      eventCallback(messageChangedEvent({ ts, threadTs, user: quinn().userId, previousText, text }));

    await stack.send(edit("I led the migration of 40 tables.", "I led the migration."));
    await stack.send(edit("I led the migration of 42 tables.", "I led the migration of 40 tables."));
    await stack.send(
      eventCallback(messageDeletedEvent({ ts, threadTs, user: quinn().userId, previousText: "x" })),
    );
    // Slack also reports reply counts and unfurls as message_changed with the same text.
    await stack.send(edit("I led the migration.", "I led the migration."));
    await stack.settle();

    expect(await draft()).toEqual(["Here are my notes", "I led the migration."]);
    const notes = ephemeralTexts(emulator, CASEY.channelId, quinn().userId).filter((text) =>
      text.startsWith("Edits and deletions aren't applied"),
    );
    expect(notes).toHaveLength(1);
  });
});

describe("an interview whose stored state is damaged", () => {
  it("tells the candidate privately, once, and lets them start again", async () => {
    const rita = person("U0RITA", "rita");
    const { threadTs, conversation } = await startInterview(stack, emulator, rita, { questions: "1" });
    await stack.redis.hset(sessionKey(keyPrefix, conversation), "v", "not-a-version");
    // Another process (or a restarted one) reads it from Redis, not from this engine's memory.
    const other = await startSlackStack(emulator, { keyPrefix });
    try {
      await other.send(threadReply(rita, threadTs, "My answer."));
      await other.send(threadReply(rita, threadTs, "And more."));
      await other.settle();
      const notes = ephemeralTexts(emulator, rita.channelId, rita.userId).filter((text) =>
        text.includes("can't read this interview's saved state"),
      );
      expect(notes).toHaveLength(1);
      expect(other.logger.lines.filter((line) => line.message === "slack interview unreadable")).toHaveLength(
        1,
      );
      await startInterview(other, emulator, rita, { questions: "1" });
    } finally {
      await other.stop();
    }
  });
});
