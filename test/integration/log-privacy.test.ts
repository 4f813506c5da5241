import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiscordEmulator } from "../emulators/discord/index.ts";
import { type OpenAIEmulator, startOpenAIEmulator } from "../emulators/openai/index.ts";
import type { ChatReply, ChatRequestBody } from "../emulators/openai/types.ts";
import { CHILD_PROCESS_MS, type CliProcess, childProcessTestTimeout } from "../support/cli-process.ts";
import {
  botText,
  latestPrompt,
  pressButton,
  serveDiscord,
  startByCommand,
} from "../support/discord-stack.ts";
import { checkLogPrivacy, secretsOf, sentencesOf } from "../support/log-privacy.ts";
import { answerIn, playModel } from "../support/play-model.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";

// Everything a candidate writes, and every credential, must stay out of the logs, even at the
// most verbose level and when a provider echoes the candidate's words back in errors and in
// output that fails the checks (both are logged).

const CV_TEXT =
  "Grace Hopper\nExperience\nData Analyst at Northwind Traders since 2021, owning the quarterly churn model for retail.\n" +
  "Led the migration of forty legacy spreadsheets into one audited warehouse with nightly checks.\nSkills\nSQL, Python\n";
const ANSWERS = [
  "When our churn model drifted badly in spring I traced it to a silent schema change upstream. " +
    "I wrote contract tests for the twelve feeds we relied on and agreed a change process with the platform team. " +
    "As a result drift incidents fell from five a quarter to none in the following year.",
  "Acme's pricing team publishes its experiments openly and I want to learn from people who work that way. " +
    "My warehouse migration taught me that careful data work changes decisions, which is why this role appeals.",
];

let discord: DiscordEmulator;
let model: OpenAIEmulator;
const processes: CliProcess[] = [];

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
  model = await startOpenAIEmulator();
});

afterEach(async () => {
  for (const cli of processes.splice(0)) cli.child.kill("SIGKILL");
  await discord.stop();
  await model.close();
});

/** A provider that quotes the candidate back in an error, then in output that fails the checks, then plays fair. */
function echoingModel(): (body: ChatRequestBody) => ChatReply {
  let evaluations = 0;
  return (body) => {
    if (body.response_format?.json_schema?.name !== "evaluate_answer") return playModel(body);
    evaluations += 1;
    const answer = answerIn(body);
    if (evaluations === 1) return { kind: "server-error", message: `Could not process input: ${answer}` };
    if (evaluations === 2) return { kind: "schema-violation", content: { feedback: answer, score: "high" } };
    return playModel(body);
  };
}

describe("logs carry no credentials and no candidate text", () => {
  it("a whole Discord interview with a CV, the AI coach and an echoing provider, logged at trace level", {
    timeout: childProcessTestTimeout(2),
  }, async () => {
    const reply = echoingModel();
    model.script(...Array.from({ length: 60 }, () => reply));
    const env = {
      OPENAI_BASE_URL: `${model.url}/v1`,
      OPENAI_API_KEY: "sk-test-5f0c1d2e3a4b5c6d7e8f",
      OPENAI_MAX_RETRIES: "0",
      LOG_LEVEL: "trace",
    };
    const cli = serveDiscord(discord, uniquePrefix("log-privacy"), env);
    processes.push(cli);
    await cli.waitFor(/SecondRound is running on discord/);
    const grace = discord.addUser({ username: "grace" });
    const cv = discord.hostFile(new TextEncoder().encode(CV_TEXT), "cv.txt", "text/plain");
    const { thread } = await startByCommand(
      discord,
      grace.id,
      { role: "Data Analyst", company: "Acme", questions: 2 },
      { cv },
      CHILD_PROCESS_MS,
    );
    const reported = () => /Overall: \d+\/100/.test(botText(discord, thread.id));
    for (let turn = 0; turn < 6 && !reported(); turn += 1) {
      const before = latestPrompt(discord, thread.id)?.id;
      await discord.sendMessage({ userId: grace.id, channelId: thread.id, content: ANSWERS[turn % 2] ?? "" });
      await pressButton(discord, grace.id, thread.id, "Submit answer");
      await discord.waitFor(
        () => reported() || latestPrompt(discord, thread.id)?.id !== before,
        CHILD_PROCESS_MS,
        "the next prompt",
      );
    }
    await discord.waitFor(reported, CHILD_PROCESS_MS, "the report");
    cli.child.kill("SIGTERM");
    await cli.exited;

    // The run logged (warnings for the failed provider calls included), so the scan below had something to read.
    // Both echoing failures were logged (so the scan below read the lines most likely to leak).
    const fellBack = cli.logs.filter((line) => line.includes("AI coach failed; using the offline coach"));
    expect(fellBack).toHaveLength(2);
    const findings = checkLogPrivacy("serve", cli.logs, {
      secrets: [...secretsOf(env), discord.botToken],
      personal: [...ANSWERS.flatMap(sentencesOf), ...sentencesOf(CV_TEXT)],
    });
    expect(findings).toEqual([]);
  });

  it("the scan finds a credential or a candidate sentence wherever it sits in a log line", () => {
    const sentence = "I wrote contract tests for the twelve feeds we relied on";
    const logs = [
      '{"level":30,"msg":"ok"}',
      `{"level":40,"msg":"coach task failed","error":"400 ${sentence} and more"}`,
      '{"level":50,"msg":"auth","header":"Bearer sk-test-5f0c1d2e3a4b5c6d7e8f"}',
    ];
    const findings = checkLogPrivacy("example", logs, {
      secrets: secretsOf({
        OPENAI_API_KEY: "sk-test-5f0c1d2e3a4b5c6d7e8f",
        SECONDROUND_KEY_PREFIX: "secondround",
      }),
      personal: sentencesOf(`${sentence}. Short one.`),
    });
    expect(findings).toHaveLength(2);
  });
});
