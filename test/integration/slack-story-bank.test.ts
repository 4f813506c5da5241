// /interview stories through the real Bolt app against the Slack Web API emulator, real Redis: the
// report flags one story told for two competencies, and the member keeps, renames and deletes it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  blockActions,
  plainTextInputValue,
  type SlackWebApiEmulator,
  startSlackWebApiEmulator,
  viewSubmission,
} from "../emulators/slack/index.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  buttonPress,
  interviewCommand,
  latestTurnId,
  type SlackPerson,
  slackPerson,
  startInterview,
  threadReply,
} from "../support/slack-candidate.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";
import {
  LIBRARY_RETURNS,
  STORY_QUESTIONS,
  WAREHOUSE_AS_CONFLICT,
  WAREHOUSE_AS_LEADERSHIP,
} from "../support/story-answers.ts";
import { offlineCoachAsking } from "../support/story-question-coach.ts";

let emulator: SlackWebApiEmulator;
let stack: SlackStack;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, {
    keyPrefix: uniquePrefix("slack-stories"),
    coach: offlineCoachAsking(STORY_QUESTIONS),
  });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

type Block = {
  type: string;
  text?: { text: string };
  elements?: { action_id: string; value?: string; text: { text: string } }[];
};
type Card = { text?: string; blocks?: Block[]; replace_original?: boolean };

const ANSWERS = [WAREHOUSE_AS_LEADERSHIP, WAREHOUSE_AS_CONFLICT, LIBRARY_RETURNS];

/** Answers each main question with its story, a probe with one more sentence, the closing question with none. */
async function interview(who: SlackPerson): Promise<string> {
  const { threadTs, conversation } = await startInterview(stack, emulator, who, { questions: "3" });
  for (let prompt = 0; prompt < 12; prompt += 1) {
    const session = await stack.session(conversation);
    if (session?.phase !== "interviewing") break;
    const turnId = latestTurnId(emulator, who.channelId, threadTs) ?? "";
    const text =
      session.currentIndex === session.questions.length - 1
        ? "No questions from me, thank you."
        : session.turn?.prompt === "probe"
          ? "I kept a written log of every step so the next shift could follow it."
          : (ANSWERS[session.currentIndex] ?? "");
    await stack.send(threadReply(who, threadTs, text));
    await stack.settle();
    await stack.send(buttonPress(who, threadTs, "submit", turnId));
    await stack.settle();
  }
  expect((await stack.session(conversation))?.phase).toBe("finished");
  return threadTs;
}

function cardText(card: Card): string {
  return (card.blocks ?? []).map((block) => block.text?.text ?? "").join("\n");
}

function button(card: Card, label: string): { action_id: string; value?: string } {
  const found = (card.blocks ?? [])
    .flatMap((block) => block.elements ?? [])
    .find((element) => element.text.text === label);
  if (!found) throw new Error(`no ${label} button`);
  return found;
}

/** A press on the private card: its replacement, posted to the press's response_url. */
async function press(who: SlackPerson, card: Card, label: string, responseUrl = emulator.issueResponseUrl()) {
  const { action_id, value } = button(card, label);
  const triggerId = emulator.issueTriggerId();
  const request = blockActions({
    userId: who.userId,
    userName: who.userName,
    teamId: who.teamId,
    channelId: who.channelId,
    triggerId,
    responseUrl,
    actions: { actionId: action_id, ...(value === undefined ? {} : { value }) },
  });
  expect((await stack.send(request)).status).toBe(200);
  await stack.settle();
  const post = emulator.responseUrlPosts.find((entry) => entry.url === responseUrl);
  return { card: post?.body as Card | undefined, triggerId };
}

describe("/interview stories on Slack", () => {
  it("flags one story told for two competencies, then keeps, renames and deletes it privately", async () => {
    const gus = slackPerson(emulator, "U0GUS", "gus");
    const threadTs = await interview(gus);
    const report = emulator
      .messagesIn(gus.channelId, threadTs)
      .map((message) => JSON.stringify(message.blocks ?? message.text))
      .join("\n");
    expect(report).toMatch(/One story, several competencies/);
    expect(report).toMatch(/The same story for Leadership and Conflict/);

    const { request, responseUrl } = interviewCommand(emulator, gus, "stories");
    expect((await stack.send(request)).status).toBe(200);
    const reply = await emulator.waitFor(() =>
      emulator.responseUrlPosts.find((entry) => entry.url === responseUrl),
    );
    let card = reply.body as Card & { response_type?: string };
    expect(card.response_type).toBe("ephemeral");
    expect(cardText(card)).toMatch(/\*Your story bank\*: 2 stories/);
    expect(cardText(card)).toMatch(/No story yet for: Failure, Success under pressure, Collaboration/);
    expect(cardText(card)).toMatch(/is carrying Leadership and Conflict/);
    expect(cardText(card)).toMatch(/\n>Situation: "/);

    const kept = await press(gus, card, "Keep");
    card = kept.card ?? {};
    expect(card.replace_original).toBe(true);
    expect(cardText(card)).toMatch(/Kept "/);
    expect(() => button(card, "Keep")).toThrow();

    // Rename: a form, a title that does not fit is refused under the field, then saved.
    const renaming = await press(gus, card, "Rename");
    const opened = await emulator.waitFor(() =>
      emulator
        .callsTo("views.open")
        .find((call) => call.args.trigger_id === renaming.triggerId && call.response?.ok),
    );
    const view = emulator.view((opened.response?.view as { id?: string } | undefined)?.id ?? "");
    const submit = (title: string) =>
      stack.send(
        viewSubmission({
          ...(view ? { view } : {}),
          userId: gus.userId,
          userName: gus.userName,
          teamId: gus.teamId,
          values: { title: { title: plainTextInputValue(title) } },
        }),
      );
    expect((await submit("   ")).body).toMatch(/"response_action":"errors"/);
    expect((await submit("The warehouse move <!channel>")).status).toBe(200);
    const confirmed = await emulator.waitFor(() =>
      emulator
        .ephemeralsIn(gus.channelId)
        .find((message) => /Renamed and kept/.test(JSON.stringify(message.blocks))),
    );
    // The title is the member's own words: shown, but never as a mention of the channel.
    expect(JSON.stringify(confirmed.blocks)).toContain("The warehouse move");
    expect(JSON.stringify(confirmed.blocks)).not.toContain("<!channel>");

    const asking = await press(gus, card, "Delete");
    expect(cardText(asking.card ?? {})).toMatch(/Delete ".*" from your story bank\? .*for good/);
    const deleted = await press(gus, asking.card ?? {}, "Delete for good");
    expect(cardText(deleted.card ?? {})).toMatch(/Deleted ".*" from your story bank/);
    expect(cardText(deleted.card ?? {})).toMatch(/1 story/);
    expect(await stack.services.desk.stories?.list(`slack:${gus.teamId}`, gus.userId)).toHaveLength(1);
    expect(emulator.calls.filter((call) => call.response?.ok === false)).toEqual([]);
  });
});
