// /interview privacy through the real Bolt app: the member's data goes to their direct messages as a
// JSON file (files.uploadV2 against the fake Web API), and erasure removes every key of theirs while
// another member's interview in the same channel carries on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_FILE_NAME, EXPORT_SENT_TO_DM } from "../../adapters/slack/privacy-reply.ts";
import type { ConversationKey } from "../../src/core/model/conversation.ts";
import { MemberExportSchema } from "../../src/core/model/member-export.ts";
import { sampleRoundOneLog } from "../contracts/round-one-log-store.contract.ts";
import type { SlackWebApiEmulator } from "../emulators/slack/index.ts";
import { startSlackWebApiEmulator } from "../emulators/slack/index.ts";
import { blockActions } from "../emulators/slack/interactivity.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import { keysMentioning } from "../support/redis-traces.ts";
import {
  buttonPress,
  commandReply,
  interviewCommand,
  latestTurnId,
  type SlackPerson,
  slackPerson,
  startInterview,
  threadReply,
} from "../support/slack-candidate.ts";
import { CLOSING_QUESTIONS, STAR_ANSWER_PARTS } from "../support/slack-fixtures.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";

const BEN_ANSWER =
  "At Globex I rebuilt the churn dashboard after sales stopped trusting it, and weekly usage tripled within a month.";
const ADA_NOTE = "Cut the month-end close from 5 days to 2.";

let emulator: SlackWebApiEmulator;
let stack: SlackStack;
const keyPrefix = uniquePrefix("slack-privacy");

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, { keyPrefix });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

/** Answers the waiting question (the closing one with questions of one's own) and submits it. */
async function answerOnce(
  who: SlackPerson,
  threadTs: string,
  conversation: ConversationKey,
  parts: readonly string[],
) {
  const session = await stack.session(conversation);
  if (session?.phase !== "interviewing") return;
  const turnId = latestTurnId(emulator, who.channelId, threadTs) ?? "";
  const closing = session.currentIndex === session.questions.length - 1;
  for (const part of closing ? [CLOSING_QUESTIONS] : parts)
    await stack.send(threadReply(who, threadTs, part));
  await stack.settle();
  await stack.send(buttonPress(who, threadTs, "submit", turnId));
  await stack.settle();
}

/** A press on one of the privacy reply's buttons; the text posted back to its response_url. */
async function pressPrivacy(
  who: SlackPerson,
  step: string,
  memberId: string,
): Promise<Record<string, unknown>> {
  const responseUrl = emulator.issueResponseUrl();
  const request = blockActions({
    userId: who.userId,
    userName: who.userName,
    teamId: who.teamId,
    channelId: who.channelId,
    actions: { actionId: `srp_${step}`, value: memberId },
    responseUrl,
  });
  expect((await stack.send(request)).status).toBe(200);
  await stack.settle();
  const posts = emulator.responseUrlPosts.filter((entry) => entry.url === responseUrl);
  return (posts.at(-1)?.body ?? {}) as Record<string, unknown>;
}

describe("/interview privacy on Slack", () => {
  it("a member exports their data by DM and erases it; another member's interview in the channel carries on", async () => {
    const ada = slackPerson(emulator, "U0ADA", "ada");
    const ben = slackPerson(emulator, "U0BEN", "ben");
    const scope = `slack:${ada.teamId}`;
    const adas = await startInterview(stack, emulator, ada, { questions: "1" });
    for (let turn = 0; turn < 4; turn += 1)
      await answerOnce(ada, adas.threadTs, adas.conversation, STAR_ANSWER_PARTS);
    expect((await stack.session(adas.conversation))?.phase).toBe("finished");
    await stack.services.desk.roundOneLogs?.put(scope, ada.userId, sampleRoundOneLog("Acme"));
    const bens = await startInterview(stack, emulator, ben, { questions: "2" });
    await answerOnce(ben, bens.threadTs, bens.conversation, [BEN_ANSWER]);

    const { request, responseUrl } = interviewCommand(emulator, ada, "privacy");
    expect((await stack.send(request)).status).toBe(200);
    expect(await commandReply(emulator, responseUrl)).toMatch(
      /Kept 30 days after an interview's last change/,
    );
    const menu = emulator.responseUrlPosts.find((entry) => entry.url === responseUrl)?.body as {
      response_type: string;
      blocks: { elements?: { action_id: string; value: string }[] }[];
    };
    expect(menu.response_type).toBe("ephemeral");
    const actions = menu.blocks.flatMap((block) => block.elements ?? []);
    expect(actions.map((action) => action.action_id)).toEqual(["srp_export", "srp_delete"]);
    expect(actions.every((action) => action.value === ada.userId)).toBe(true);

    // Ben pressing Ada's button gets nothing of hers.
    expect((await pressPrivacy(ben, "export", ada.userId)).text).toMatch(/belong to the member who asked/);
    expect(emulator.callsTo("files.getUploadURLExternal")).toEqual([]);

    expect((await pressPrivacy(ada, "export", ada.userId)).text).toBe(EXPORT_SENT_TO_DM);
    const [opened] = emulator.callsTo("conversations.open");
    expect(opened?.args.users).toBe(ada.userId);
    const dmId = (opened?.response as { channel?: { id: string } } | undefined)?.channel?.id ?? "";
    const file = emulator.messagesIn(dmId).flatMap((message) => message.files ?? [])[0];
    expect(file?.name).toBe(EXPORT_FILE_NAME);
    const text = Buffer.from(emulator.fileBytes(file?.id ?? "") ?? new Uint8Array()).toString("utf8");
    const data = MemberExportSchema.parse(JSON.parse(text));
    expect(data.member).toBe(ada.userId);
    expect(data.interviews).toHaveLength(1);
    expect(text).toContain(STAR_ANSWER_PARTS[0]);
    expect(text).toContain(ADA_NOTE);
    expect(text).not.toContain(ben.userId);
    expect(text).not.toContain("churn dashboard");

    const warning = await pressPrivacy(ada, "delete", ada.userId);
    expect(warning).toMatchObject({ replace_original: true });
    expect(warning.text).toMatch(/cannot be undone/);
    expect((await pressPrivacy(ada, "cancel", ada.userId)).text).toBe("Nothing was deleted.");
    expect(await stack.session(adas.conversation)).not.toBeNull();
    expect((await pressPrivacy(ada, "confirm", ada.userId)).text).toMatch(
      /^Deleted: 1 interview, 1 round-1 log, 1 progress entry, 1 story\. SecondRound keeps nothing else about you here\.$/,
    );

    const adaTraces = [ada.userId, adas.conversation, STAR_ANSWER_PARTS[0] ?? "", ADA_NOTE];
    expect(await keysMentioning(stack.redis, keyPrefix, adaTraces)).toEqual([]);
    expect(await keysMentioning(stack.redis, keyPrefix, [bens.conversation])).not.toEqual([]);
    for (let turn = 0; turn < 6; turn += 1)
      await answerOnce(ben, bens.threadTs, bens.conversation, [BEN_ANSWER]);
    expect((await stack.session(bens.conversation))?.phase).toBe("finished");
    expect(emulator.calls.filter((call) => call.response?.ok === false)).toEqual([]);
  });
});
