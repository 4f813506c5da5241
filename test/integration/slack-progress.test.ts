// /interview progress through the real Bolt app: the chart is uploaded with Slack's external upload flow
// (files.uploadV2 against the fake Web API) to the member's direct message, with the summary beside it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROGRESS_FILE_NAME, PROGRESS_SENT_TO_DM } from "../../adapters/slack/progress-reply.ts";
import { progressSummary } from "../../src/progress/progress-summary.ts";
import { CHART_HEIGHT, CHART_WIDTH } from "../../src/progress/render-progress-chart.ts";
import type { SlackWebApiEmulator } from "../emulators/slack/index.ts";
import { startSlackWebApiEmulator } from "../emulators/slack/index.ts";
import { nonWhitePixels, pngSize } from "../support/png-image.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  buttonPress,
  commandReply,
  interviewCommand,
  latestTurnId,
  slackPerson,
  startInterview,
  threadReply,
} from "../support/slack-candidate.ts";
import { CLOSING_QUESTIONS, STAR_ANSWER_PARTS } from "../support/slack-fixtures.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";

let emulator: SlackWebApiEmulator;
let stack: SlackStack;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, { keyPrefix: uniquePrefix("slack-progress") });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

describe("/interview progress on Slack", () => {
  it("says there is nothing yet, then sends the chart privately with its summary once an interview has finished", async () => {
    const fay = slackPerson(emulator, "U0FAY", "fay");
    const ask = async () => {
      const { request, responseUrl } = interviewCommand(emulator, fay, "progress");
      expect((await stack.send(request)).status).toBe(200);
      return commandReply(emulator, responseUrl);
    };
    expect(await ask()).toMatch(/No finished interviews yet/);
    expect(emulator.callsTo("files.getUploadURLExternal")).toEqual([]);

    const { threadTs, conversation } = await startInterview(stack, emulator, fay, { questions: "1" });
    for (let prompt = 0; prompt < 6; prompt += 1) {
      const session = await stack.session(conversation);
      if (session?.phase !== "interviewing") break;
      const turnId = latestTurnId(emulator, fay.channelId, threadTs) ?? "";
      if (session.currentIndex === session.questions.length - 1) {
        await stack.send(threadReply(fay, threadTs, CLOSING_QUESTIONS));
        await stack.send(threadReply(fay, threadTs, "!submit"));
      } else {
        for (const part of STAR_ANSWER_PARTS) await stack.send(threadReply(fay, threadTs, part));
        await stack.settle();
        await stack.send(buttonPress(fay, threadTs, "submit", turnId));
      }
      await stack.settle();
    }
    expect((await stack.session(conversation))?.phase).toBe("finished");
    const history = await stack.progress.list(`slack:${fay.teamId}`, fay.userId);
    expect(history).toHaveLength(1);
    const summary = progressSummary(history);

    expect(await ask()).toBe(`${summary}\n${PROGRESS_SENT_TO_DM}`);
    const [opened] = emulator.callsTo("conversations.open");
    expect(opened?.args.users).toBe(fay.userId);
    const dmId = (opened?.response as { channel?: { id: string } } | undefined)?.channel?.id ?? "";
    const [shared] = emulator.messagesIn(dmId).filter((message) => message.files?.length);
    expect(shared?.text).toBe(summary);
    const file = shared?.files?.[0];
    expect(file).toMatchObject({ name: PROGRESS_FILE_NAME, mimetype: "image/png", alt_txt: summary });
    const png = emulator.fileBytes(file?.id ?? "") ?? new Uint8Array();
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(await nonWhitePixels(png)).toBeGreaterThan(5_000);
    expect(emulator.calls.filter((call) => call.response?.ok === false)).toEqual([]);
  });
});
