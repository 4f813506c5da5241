// `/interview admin` through the real Bolt app against the Slack emulator: a workspace admin (users.info
// is_admin) imports pasted YAML, sets a daily limit and a budget and exports; a member meets the limit;
// a member who is not an admin changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOT_AN_ADMIN_TEXT } from "../../src/core/interview/community-copy.ts";
import type { SlackWebApiEmulator } from "../emulators/slack/index.ts";
import { startSlackWebApiEmulator } from "../emulators/slack/index.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  CASEY,
  commandReply,
  interviewCommand,
  openStartForm,
  type SlackPerson,
  slackPerson,
  startInterview,
  startSubmission,
} from "../support/slack-candidate.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";

let emulator: SlackWebApiEmulator;
let stack: SlackStack;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, { keyPrefix: uniquePrefix("slack-settings") });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

async function run(who: SlackPerson, text: string): Promise<string> {
  const { request, responseUrl } = interviewCommand(emulator, who, text);
  expect((await stack.send(request)).status).toBe(200);
  return commandReply(emulator, responseUrl);
}

const SETTINGS = `version: 1
interviewsPerMemberPerDay: 1
competencies: [failure]
extraQuestions:
  - id: lab-safety-incident
    text: "Tell me about a time something went wrong in a lab or workshop you were responsible for."
    kind: behavioural
    competency: failure
    stages: [first, second]
    hint: "Situation: the lab. Action: what you did first. Result: what changed afterwards."
    topicWords: [lab, safety, incident, procedure, report]
`;

describe("/interview admin on Slack", () => {
  it("refuses a member who is not a workspace admin or owner, and changes nothing", async () => {
    const mallory = slackPerson(emulator, "U0MALLORY", "mallory");
    expect(await run(mallory, "admin limit 1")).toBe(NOT_AN_ADMIN_TEXT);
    expect(await run(mallory, `admin import\n${SETTINGS}`)).toBe(NOT_AN_ADMIN_TEXT);
    expect(await stack.communitySettings.get(`slack:${CASEY.teamId}`)).toEqual({ version: 1 });
  });

  it("a workspace admin imports pasted YAML, sets a budget and exports; a member meets the daily limit", async () => {
    emulator.addUser({ id: "U0ADMIN", name: "ines", isAdmin: true });
    const ines: SlackPerson = { ...CASEY, userId: "U0ADMIN", userName: "ines" };
    const broken = await run(
      ines,
      `admin import\n\`\`\`\n${SETTINGS.replace("kind: behavioural", "kind: riddle")}\`\`\``,
    );
    expect(broken).toMatch(
      /^Nothing was changed\. Fix these and try again:\n• line 7, extraQuestions\[0\]\.kind: /,
    );
    expect(await stack.communitySettings.get(`slack:${CASEY.teamId}`)).toEqual({ version: 1 });

    const imported = await run(ines, `admin import\n${SETTINGS}`);
    expect(imported).toMatch(
      /^Imported: changed competencies, extraQuestions, interviewsPerMemberPerDay\.\n\n\*SecondRound settings/,
    );
    const budget = await run(ines, "admin budget 250000");
    expect(budget).toMatch(/^Saved: changed monthlyTokenBudget\./);
    expect(budget).toContain("Monthly AI token budget: 250,000");
    expect(budget).toMatch(/AI coach tokens this month \(\d{4}-\d{2}\): 0 of 250,000 \(0%\)/);
    const exported = await run(ines, "admin export");
    expect(exported).toContain("interviewsPerMemberPerDay: 1\n");
    expect(exported).toContain("monthlyTokenBudget: 250000\n");
    expect(exported).toContain("id: lab-safety-incident");

    // The first interview of the day starts and asks the workspace's own question; the second is refused.
    const kim = slackPerson(emulator, "U0KIM", "kim");
    const { conversation } = await startInterview(stack, emulator, kim, { questions: "2" });
    expect((await stack.session(conversation))?.questions.map((question) => question.id)).toContain(
      "lab-safety-incident",
    );
    await run(kim, "end");
    await stack.settle();
    const view = await openStartForm(stack, emulator, kim);
    await stack.send(startSubmission(view, kim, {}));
    const refusal = await emulator.waitFor(() =>
      emulator
        .callsTo("chat.postEphemeral")
        .find(
          (call) => call.args.user === kim.userId && String(call.args.text).includes("per member per day"),
        ),
    );
    expect(String(refusal.args.text)).toMatch(
      /^This community allows 1 interview per member per day, and you have started it today\. You can start another from 00:00 UTC on /,
    );
  });
});
