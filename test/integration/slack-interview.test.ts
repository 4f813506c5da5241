// A whole mock interview through the real Bolt app: signed requests in, the fake Web API out, the
// production wiring (createChatServices, RedisSessionStore, the offline coach) in between.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackWebApiEmulator } from "../emulators/slack/index.ts";
import { slackDefaults, startSlackWebApiEmulator } from "../emulators/slack/index.ts";
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
  slackPerson,
  startInterview,
  startSubmission,
  threadReply,
  threadTexts,
} from "../support/slack-candidate.ts";
import { CLOSING_QUESTIONS, CV_TEXT, STAR_ANSWER_PARTS } from "../support/slack-fixtures.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";

let emulator: SlackWebApiEmulator;
let stack: SlackStack;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, { keyPrefix: uniquePrefix("slack-interview") });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

const person = (userId: string, userName: string) => slackPerson(emulator, userId, userName);

type Block = { type: string; text?: { text?: string }; elements?: { text?: string }[] };

function blocksOf(threadTs: string): Block[] {
  return emulator
    .messagesIn(CASEY.channelId, threadTs)
    .flatMap((message) => (message.blocks ?? []) as Block[]);
}

describe("a mock interview on Slack", () => {
  it("runs from /interview start through the form with a CV to the report in the thread", async () => {
    const cv = emulator.hostFile({ name: "casey-cv.txt", mimetype: "text/plain", bytes: CV_TEXT });

    const { threadTs, conversation } = await startInterview(stack, emulator, CASEY, {
      role: "Graduate Data Analyst",
      company: "Monzo",
      questions: "2",
      cv,
      jobDescription: "Analyse customer data with SQL and Python; present insights to product teams.",
    });

    // The form was opened with the command's own trigger_id, before anything slow.
    expect(emulator.callsTo("views.open")[0]?.args.view).toMatchObject({ callback_id: "sr_start" });
    // The CV was fetched from url_private_download with the bot token, then summarised privately.
    expect(emulator.fileDownloads).toEqual([
      expect.objectContaining({ fileId: cv.id, authorized: true, token: slackDefaults.botToken }),
    ]);
    const notes = ephemeralTexts(emulator, CASEY.channelId, CASEY.userId);
    expect(notes.some((text) => text.includes("From your CV I understood") && text.includes("SQL"))).toBe(
      true,
    );
    expect(parentMessage(emulator, CASEY)?.text).toBe(
      `Mock interview: Graduate Data Analyst at Monzo for <@${CASEY.userId}>. Answer in this thread.`,
    );
    const started = await stack.session(conversation);
    expect(started?.documents?.cv).toContain("Data Analyst Intern");
    expect(started?.documents?.jobDescription).toContain("SQL and Python");
    expect(started?.options).toMatchObject({ stage: "second", questionCount: 2, quietPeriodMs: 90_000 });

    // Answer every prompt (questions and any follow-up): two messages, then the Submit button;
    // the closing question is answered with "!submit" typed in the thread.
    for (let prompt = 0; prompt < 8; prompt += 1) {
      const session = await stack.session(conversation);
      if (session?.phase !== "interviewing") break;
      const turnId = latestTurnId(emulator, CASEY.channelId, threadTs) ?? "";
      const closing = session.currentIndex === session.questions.length - 1;
      if (closing) {
        await stack.send(threadReply(CASEY, threadTs, CLOSING_QUESTIONS));
        await stack.send(threadReply(CASEY, threadTs, "!submit"));
      } else {
        for (const part of STAR_ANSWER_PARTS) await stack.send(threadReply(CASEY, threadTs, part));
        await stack.settle();
        await stack.send(buttonPress(CASEY, threadTs, "submit", turnId));
      }
      await stack.settle();
    }

    const finished = await stack.session(conversation);
    expect(finished?.phase).toBe("finished");
    expect(finished?.answers.filter((answer) => answer.status === "answered")).toHaveLength(3);

    const blocks = blocksOf(threadTs);
    const headers = blocks.filter((block) => block.type === "header").map((block) => block.text?.text);
    expect(headers).toContain("Your interview feedback");
    expect(headers).toContain("Competency coverage");
    const sections = blocks.map((block) => block.text?.text ?? "").join("\n");
    // The score in words (band), the STAR breakdown and the candidate's own words quoted back.
    expect(sections).toMatch(/Overall: \d{1,3}\/100 — (Not yet|Almost|Ready)/);
    expect(sections).toContain("*STAR breakdown*");
    expect(sections).toMatch(/> "[^"]*(I split the work|finished four days early)/);
    // Every message in the thread: inside Slack's limits, a text fallback, no unfurls.
    const posts = emulator.sent.filter((sent) => sent.method === "chat.postMessage");
    for (const sent of posts) {
      expect(sent.hasText).toBe(true);
      expect(sent).toMatchObject({ unfurlLinks: false, unfurlMedia: false });
      expect(sent.blocks?.length ?? 0).toBeLessThanOrEqual(50);
    }
    expect(emulator.calls.filter((call) => call.response?.ok === false)).toEqual([]);
  });

  it("answers /interview status, history, help, end and an unknown subcommand privately", async () => {
    const dana = person("U0DANA", "dana");
    const ask = async (text: string) => {
      const { request, responseUrl } = interviewCommand(emulator, dana, text);
      const response = await stack.send(request);
      expect(response.status).toBe(200);
      return { response, reply: () => commandReply(emulator, responseUrl) };
    };

    expect(await (await ask("status")).reply()).toBe(
      "You have no interview running in this workspace. Start one with `/interview start`.",
    );
    expect(await (await ask("history")).reply()).toContain("You haven't taken an interview here yet.");
    const help = await ask("help");
    expect(help.response.json).toMatchObject({ response_type: "ephemeral" });
    expect((help.response.json as { text: string }).text).toContain("`/interview start`");
    const unknown = await ask("frobnicate <!channel>");
    expect((unknown.response.json as { text: string }).text).toContain(
      "I don't know `/interview frobnicate`",
    );

    const { threadTs, conversation } = await startInterview(stack, emulator, dana, { questions: "1" });
    const status = await (await ask("status")).reply();
    expect(status).toContain("You're on question 1 of 1. 0 answered, 0 skipped.");
    expect(status).toContain(`<#${dana.channelId}>`);
    expect(await (await ask("history")).reply()).toMatch(
      /Graduate Data Analyst at Monzo \(second round\): in progress/,
    );

    const end = await ask("end");
    expect(await end.reply()).toBe(
      `Ending your interview in <#${dana.channelId}>: your feedback follows in its thread.`,
    );
    await stack.settle();
    expect((await stack.session(conversation))?.phase).toBe("finished");
    expect(threadTexts(emulator, dana.channelId, threadTs).join("\n")).toContain(
      "Ending the interview here.",
    );
    expect(await (await ask("history")).reply()).toMatch(
      /Graduate Data Analyst at Monzo \(second round\): finished/,
    );
    expect(await (await ask("status")).reply()).toContain("You have no interview running");
    // Nothing about these commands went to the channel itself.
    expect(emulator.sent.filter((sent) => sent.method === "chat.postMessage" && !sent.threadTs)).toHaveLength(
      emulator.messagesIn(CASEY.channelId).length,
    );
  });

  it("refuses a second start while an interview runs, and says where the running one is", async () => {
    const erin = person("U0ERIN", "erin");
    const { threadTs } = await startInterview(stack, emulator, erin, { questions: "1" });

    const view = await openStartForm(stack, emulator, erin);
    const response = await stack.send(
      startSubmission(view, erin, { role: "Product Manager", company: "Wise" }),
    );
    expect(response.status).toBe(200);
    await stack.settle();

    expect(ephemeralTexts(emulator, erin.channelId, erin.userId)).toContain(
      `You already have an interview running in <#${erin.channelId}>. Carry on in its thread, or send \`/interview end\` to finish it and get feedback.`,
    );
    expect(parentMessage(emulator, erin)?.ts).toBe(threadTs);
    expect(await stack.services.desk.history(`slack:${erin.teamId}`, erin.userId)).toHaveLength(1);
  });

  it("keeps the form open with an inline error for invalid fields", async () => {
    const finn = person("U0FINN", "finn");
    const view = await openStartForm(stack, emulator, finn);

    const response = await stack.send(startSubmission(view, finn, { role: "   ", questions: "13" }));

    expect(response.json).toEqual({
      response_action: "errors",
      errors: { role: "Which role are you interviewing for?", questions: "A whole number from 1 to 12." },
    });
    await stack.settle();
    expect(parentMessage(emulator, finn)).toBeUndefined();
  });
});
