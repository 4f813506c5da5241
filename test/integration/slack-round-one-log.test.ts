// /interview log through the real Bolt app: the form opened by the command, submitted as Slack's
// client would, then a second round built on it, to the report in the thread.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackWebApiEmulator } from "../emulators/slack/index.ts";
import { plainTextInputValue, startSlackWebApiEmulator, viewSubmission } from "../emulators/slack/index.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  CONSISTENT_ANSWER,
  CONTRADICTING_ANSWER,
  CONTRADICTING_SENTENCE,
  ROUND_ONE_QUOTE,
  ROUND_ONE_TEXT,
} from "../support/round-one-answers.ts";
import {
  buttonPress,
  CASEY,
  commandReply,
  ephemeralTexts,
  interviewCommand,
  latestTurnId,
  startInterview,
  threadReply,
} from "../support/slack-candidate.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";

let emulator: SlackWebApiEmulator;
let stack: SlackStack;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, { keyPrefix: uniquePrefix("slack-round-one") });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

async function openLogForm(text: string) {
  const { request, triggerId } = interviewCommand(emulator, CASEY, text);
  expect((await stack.send(request)).status).toBe(200);
  const call = await emulator.waitFor(() =>
    emulator.callsTo("views.open").find((entry) => entry.args.trigger_id === triggerId && entry.response?.ok),
  );
  const view = emulator.view((call.response?.view as { id?: string } | undefined)?.id ?? "");
  if (!view) throw new Error("views.open stored no view");
  return view;
}

describe("/interview log on Slack", () => {
  it("logs round 1 in the form; round 2 revisits it quoting the notes and reports the contradiction", async () => {
    const form = await openLogForm("log");
    const values = (fields: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(fields).map(([block, value]) => [block, { value: plainTextInputValue(value) }]),
      );
    const bad = await stack.send(
      viewSubmission({
        view: form,
        userId: CASEY.userId,
        userName: CASEY.userName,
        teamId: CASEY.teamId,
        values: values({ company: "Monzo", role: "", date: "", questions: "Why us?\nHow it went: meh" }),
      }),
    );
    expect(bad.body).toMatch(/"questions":"Paragraph 1: \\"meh\\" is not a way it went I know/);
    const saved = await stack.send(
      viewSubmission({
        view: form,
        userId: CASEY.userId,
        userName: CASEY.userName,
        teamId: CASEY.teamId,
        values: values({
          company: "Monzo",
          role: "Data Analyst",
          date: "2026-11-20",
          questions: ROUND_ONE_TEXT,
        }),
      }),
    );
    expect(saved.status).toBe(200);
    await emulator.waitFor(() =>
      ephemeralTexts(emulator, CASEY.channelId, CASEY.userId).find((text) =>
        text.includes("Saved your round-1 log for Monzo: 2 questions"),
      ),
    );
    // Opening the form for the company again shows the log, ready to edit.
    const edit = await openLogForm("log monzo");
    expect(JSON.stringify(edit)).toContain(ROUND_ONE_QUOTE);

    const { threadTs, conversation } = await startInterview(stack, emulator, CASEY, {
      company: "monzo",
      stage: "second",
      questions: "2",
    });
    for (let prompt = 0; prompt < 6; prompt += 1) {
      const session = await stack.session(conversation);
      if (session?.phase !== "interviewing") break;
      if (prompt === 0) expect(session.questions[0]?.text).toContain(ROUND_ONE_QUOTE);
      const turnId = latestTurnId(emulator, CASEY.channelId, threadTs) ?? "";
      const answer =
        [CONTRADICTING_ANSWER, CONSISTENT_ANSWER][session.currentIndex] ??
        "What does success look like in 90 days?";
      await stack.send(threadReply(CASEY, threadTs, answer));
      await stack.settle();
      await stack.send(buttonPress(CASEY, threadTs, "submit", turnId));
      await stack.settle();
    }
    expect((await stack.session(conversation))?.phase).toBe("finished");
    const thread = JSON.stringify(
      emulator.messagesIn(CASEY.channelId, threadTs).map((message) => message.blocks),
    );
    expect(thread).toContain("Round 1 consistency");
    expect(thread).toContain(ROUND_ONE_QUOTE.slice(0, 40));
    expect(thread).toContain(CONTRADICTING_SENTENCE.slice(0, 40));

    const { request, responseUrl } = interviewCommand(emulator, CASEY, "log delete MONZO");
    await stack.send(request);
    expect(await commandReply(emulator, responseUrl)).toBe("Deleted your round-1 log for MONZO.");
  });
});
