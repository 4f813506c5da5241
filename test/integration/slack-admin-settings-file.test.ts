// A settings file uploaded in a direct message with the app, through the real Bolt app against the Slack emulator:
// the admin's real YAML file is downloaded from Slack's file host with the bot token and imported after the same
// checks as pasted YAML; a broken file, a non-admin's file and an oversized file change nothing, and the last two
// are never downloaded.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { MAX_SETTINGS_FILE_BYTES } from "../../adapters/slack/settings-file-upload.ts";
import { ADMIN_CHECK_FAILED } from "../../adapters/slack/slack-copy.ts";
import { NOT_AN_ADMIN_TEXT } from "../../src/core/interview/community-copy.ts";
import { MAX_SETTINGS_FILE_CHARS } from "../../src/settings/yaml-settings-codec.ts";
import {
  eventCallback,
  fileShareMessageEvent,
  type InboundRequest,
  type SlackFile,
  type SlackWebApiEmulator,
  slackDefaults,
  startSlackWebApiEmulator,
} from "../emulators/slack/index.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  CASEY,
  commandReply,
  interviewCommand,
  type SlackPerson,
  slackPerson,
} from "../support/slack-candidate.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";

const SCOPE = `slack:${CASEY.teamId}`;
const EXAMPLE = readFileSync(new URL("../../docs/community-settings.example.yaml", import.meta.url), "utf8");

let emulator: SlackWebApiEmulator;
let stack: SlackStack;
let admin: SlackPerson;
let careers: SlackPerson;
let mallory: SlackPerson;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, {
    keyPrefix: uniquePrefix("slack-settings-file"),
    adminUsergroupIds: ["S0CAREERS"],
  });
  emulator.addUser({ id: "U0ADMIN", name: "ines", isAdmin: true });
  admin = { ...CASEY, userId: "U0ADMIN", userName: "ines" };
  careers = slackPerson(emulator, "U0CAREERS", "cato");
  emulator.addUsergroup({ id: "S0CAREERS", handle: "careers-team", users: [careers.userId] });
  mallory = slackPerson(emulator, "U0MALLORY", "mallory");
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

function hosted(who: SlackPerson, name: string, bytes: string | Uint8Array, mimetype = "application/x-yaml") {
  return emulator.hostFile({ name, mimetype, bytes, user: who.userId });
}

/** The upload as Slack announces it: a `file_share` message in the member's DM with the app. */
function upload(
  who: SlackPerson,
  files: SlackFile[],
  options: { eventId?: string; channelType?: "im" | "channel" } = {},
) {
  const channel =
    options.channelType === "channel" ? who.channelId : emulator.openDirectMessage(who.userId, who.teamId).id;
  const event = fileShareMessageEvent({
    channel,
    channelType: options.channelType ?? "im",
    user: who.userId,
    team: who.teamId,
    text: "",
    files,
  });
  return {
    channel,
    request: eventCallback(event, {
      teamId: who.teamId,
      ...(options.eventId ? { eventId: options.eventId } : {}),
    }),
  };
}

function botPostsIn(channel: string): string[] {
  return emulator.sent
    .filter((sent) => sent.method === "chat.postMessage" && sent.channel === channel)
    .map((sent) => sent.text ?? "");
}

/** Sends the upload and returns the bot's one answer in the DM. */
async function answerTo(sent: { channel: string; request: InboundRequest }): Promise<string> {
  const before = botPostsIn(sent.channel).length;
  expect((await stack.send(sent.request)).status).toBe(200);
  const reply = await emulator.waitFor(() => botPostsIn(sent.channel)[before]);
  await stack.settle();
  expect(botPostsIn(sent.channel)).toHaveLength(before + 1);
  return reply;
}

function downloadsOf(file: SlackFile) {
  return emulator.fileDownloads.filter((download) => download.fileId === file.id);
}

describe("a settings file uploaded in the app's DM", () => {
  it("is imported for a workspace admin, shown in the summary, downloaded once with the bot token", async () => {
    const file = hosted(admin, "society.yaml", EXAMPLE);
    const reply = await answerTo(upload(admin, [file]));
    expect(reply).toMatch(
      /^Imported society\.yaml: changed aiCoach, competencies, defaultPersona, defaultQuestionCount, defaultStage, extraQuestions, interviewsPerMemberPerDay, monthlyTokenBudget, retentionDays, rubricEmphasis\.\n\n\*SecondRound settings for this community\*\n/,
    );
    expect(reply).toContain("• Interviews per member per day: 2");
    expect(reply).toContain("• Members' data kept: at most 90 days after its last change");
    expect(reply).toContain("• Extra questions: 2 (society-event-rescue, why-our-graduate-scheme)");
    expect(await stack.communitySettings.get(SCOPE)).toMatchObject(parse(EXAMPLE));
    expect(downloadsOf(file)).toEqual([
      expect.objectContaining({ authorized: true, token: slackDefaults.botToken }),
    ]);
    const audit = stack.logger.lines.filter((line) => line.fields?.audit === "settings-change");
    expect(audit.at(-1)?.fields).toMatchObject({ scope: SCOPE, actor: admin.userId, how: "import" });
  });

  it("is imported for a member of an admin user group, and the same file again changes nothing", async () => {
    const file = hosted(
      careers,
      "export.yml",
      EXAMPLE.replace("interviewsPerMemberPerDay: 2", "interviewsPerMemberPerDay: 3"),
    );
    expect(await answerTo(upload(careers, [file]))).toMatch(
      /^Imported export\.yml: changed interviewsPerMemberPerDay\./,
    );
    expect((await stack.communitySettings.get(SCOPE)).interviewsPerMemberPerDay).toBe(3);
    const again = hosted(
      careers,
      "export.yml",
      EXAMPLE.replace("interviewsPerMemberPerDay: 2", "interviewsPerMemberPerDay: 3"),
    );
    expect(await answerTo(upload(careers, [again]))).toMatch(/^Imported export\.yml: nothing changed\./);
  });

  it("answers a broken file with each problem's line and field, and changes nothing", async () => {
    const before = await stack.communitySettings.get(SCOPE);
    const broken = [
      "version: 1",
      "defaultQuestionCount: 40",
      "extraQuestions:",
      "  - id: lab-safety-incident",
      '    text: "Tell me about a time something went wrong in a lab you were responsible for."',
      "    kind: riddle",
      "    competency: failure",
      "    stages: [first]",
      '    hint: "Situation, action, result."',
      "    topicWords: [lab, safety]",
      "",
    ].join("\n");
    const reply = await answerTo(upload(admin, [hosted(admin, "society.yaml", broken)]));
    expect(reply).toMatch(/^Nothing was changed\. Fix these and try again:\n/);
    // Slack shows "&lt;" as "<": nothing in a problem can become markup.
    expect(reply).toContain("• line 2, defaultQuestionCount: Too big: expected number to be &lt;=12");
    expect(reply).toMatch(/• line 6, extraQuestions\[0\]\.kind: Invalid option/);
    const unparsable = await answerTo(
      upload(admin, [
        hosted(admin, "tabs.yaml", "version: 1\nextraQuestions:\n  - id: x\n   text: [unclosed\n"),
      ]),
    );
    expect(unparsable).toMatch(/^Nothing was changed\. Fix these and try again:\n• line \d+: invalid YAML: /);
    const binary = await answerTo(
      upload(admin, [hosted(admin, "photo.yaml", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00]))]),
    );
    expect(binary).toBe(
      "Nothing was changed. Fix these and try again:\n• photo.yaml is not a text file (UTF-8 YAML)",
    );
    expect(await stack.communitySettings.get(SCOPE)).toEqual(before);
  });

  it("refuses a non-admin's file without downloading it, and changes nothing", async () => {
    const before = await stack.communitySettings.get(SCOPE);
    const file = hosted(mallory, "takeover.yaml", "version: 1\naiCoach: false\n");
    expect(await answerTo(upload(mallory, [file]))).toBe(NOT_AN_ADMIN_TEXT);
    expect(downloadsOf(file)).toEqual([]);
    expect(await stack.communitySettings.get(SCOPE)).toEqual(before);
    const refusal = stack.logger.lines.filter((line) => line.fields?.audit === "settings-refused").at(-1);
    expect(refusal?.fields).toMatchObject({ scope: SCOPE, actor: mallory.userId, how: "file" });

    // When Slack cannot say who is asking, the file is not read either.
    emulator.failNext("users.info", "fatal_error");
    const unchecked = hosted(mallory, "takeover.yaml", "version: 1\naiCoach: false\n");
    expect(await answerTo(upload(mallory, [unchecked]))).toBe(ADMIN_CHECK_FAILED);
    expect(downloadsOf(unchecked)).toEqual([]);
    expect(await stack.communitySettings.get(SCOPE)).toEqual(before);
  });

  it("refuses an oversized file before downloading it, and one that lies about its size while downloading", async () => {
    // The download cap is the codec's own limit: no file the codec would read is refused for its size.
    expect(MAX_SETTINGS_FILE_BYTES).toBe(MAX_SETTINGS_FILE_CHARS);
    const before = await stack.communitySettings.get(SCOPE);
    const padding = `# ${"x".repeat(300 * 1024)}\n`;
    const big = hosted(admin, "huge.yaml", `${padding}version: 1\naiCoach: false\n`);
    expect(await answerTo(upload(admin, [big]))).toBe(
      "Nothing was changed. Fix these and try again:\n• huge.yaml is larger than 256 KB",
    );
    expect(downloadsOf(big)).toEqual([]);

    // The event claims 40 bytes; Slack's file host sends 300 KB: the download stops at the cap.
    const liar = hosted(admin, "small.yaml", `${padding}version: 1\naiCoach: false\n`);
    expect(await answerTo(upload(admin, [{ ...liar, size: 40 }]))).toBe(
      "Nothing was changed. Fix these and try again:\n• small.yaml is larger than 256 KB",
    );
    expect(await stack.communitySettings.get(SCOPE)).toEqual(before);
  });

  it("reads Slack's files.info when the event leaves the file's details out", async () => {
    const file = hosted(
      admin,
      "limits.yaml",
      EXAMPLE.replace("interviewsPerMemberPerDay: 2", "interviewsPerMemberPerDay: 4"),
    );
    const withheld = { id: file.id, name: file.name, file_access: "check_file_info" } as unknown as SlackFile;
    expect(await answerTo(upload(admin, [withheld]))).toMatch(
      /^Imported limits\.yaml: changed interviewsPerMemberPerDay\./,
    );
    expect(emulator.callsTo("files.info").at(-1)?.args).toMatchObject({ file: file.id });
    expect(downloadsOf(file)).toHaveLength(1);
  });

  it("imports one file per upload, once however often Slack delivers it, and ignores files elsewhere", async () => {
    const before = await stack.communitySettings.get(SCOPE);
    const two = [hosted(admin, "a.yaml", "version: 1\n"), hosted(admin, "b.yml", "version: 1\n")];
    expect(await answerTo(upload(admin, two))).toBe(
      "Please upload one settings file at a time. Nothing was changed.",
    );
    expect(two.flatMap(downloadsOf)).toEqual([]);

    // Slack redelivers the same event: one import, one answer.
    const file = hosted(admin, "again.yaml", EXAMPLE);
    const first = upload(admin, [file], { eventId: "Ev0SETTINGS1" });
    await answerTo(first);
    await stack.send({
      ...first.request,
      headers: { ...first.request.headers, "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    await stack.settle();
    expect(downloadsOf(file)).toHaveLength(1);

    // A YAML file in a channel, or a file that is not YAML in the DM, is not read at all.
    const inChannel = hosted(admin, "settings.yaml", "version: 1\naiCoach: false\n");
    const cv = hosted(admin, "cv.txt", "version: 1\naiCoach: false\n", "text/plain");
    const dmPosts = botPostsIn(emulator.openDirectMessage(admin.userId).id).length;
    await stack.send(upload(admin, [inChannel], { channelType: "channel" }).request);
    await stack.send(upload(admin, [cv]).request);
    await stack.settle();
    expect([...downloadsOf(inChannel), ...downloadsOf(cv)]).toEqual([]);
    expect(botPostsIn(emulator.openDirectMessage(admin.userId).id)).toHaveLength(dmPosts);
    expect(botPostsIn(admin.channelId)).toEqual([]);
    expect((await stack.communitySettings.get(SCOPE)).aiCoach).toBe(before.aiCoach);
  });

  it("is offered by /interview admin import when no YAML follows", async () => {
    const { request, responseUrl } = interviewCommand(emulator, admin, "admin import");
    await stack.send(request);
    expect(await commandReply(emulator, responseUrl)).toMatch(
      /^Paste the settings file after `import` on the next lines, or upload it in a direct message with me\./,
    );
  });
});
