// CVs attached in the Slack start form, end to end: Bolt downloads the file from the fake Web API's
// file host with the bot token, the sandboxed parser reads it, and the interview stores its text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocx, buildZip, docxEntries } from "../documents/fixtures.ts";
import { type SlackWebApiEmulator, startSlackWebApiEmulator } from "../emulators/slack/index.ts";
import { planFromCv } from "../support/cv-aware-model.ts";
import { emulatorOpenAICoach } from "../support/emulator-openai-coach.ts";
import { REAL_CV_LINES, realCvPdf } from "../support/real-cv-pdf.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import {
  conversationOf,
  ephemeralTexts,
  latestTurnId,
  openStartForm,
  parentMessage,
  type SlackPerson,
  slackPerson,
  startInterview,
  startSubmission,
  threadTexts,
} from "../support/slack-candidate.ts";
import { type SlackStack, startSlackStack } from "../support/slack-stack.ts";
import { useOpenAIEmulator } from "../support/use-openai-emulator.ts";

const openai = useOpenAIEmulator();
let emulator: SlackWebApiEmulator;
let stack: SlackStack;

beforeAll(async () => {
  emulator = await startSlackWebApiEmulator();
  stack = await startSlackStack(emulator, {
    keyPrefix: uniquePrefix("slack-documents"),
    coach: emulatorOpenAICoach(openai().url),
  });
});

afterAll(async () => {
  await stack?.stop();
  await emulator?.close();
});

async function submitWithCv(who: SlackPerson, cv: Parameters<typeof startSubmission>[2]["cv"]) {
  const view = await openStartForm(stack, emulator, who);
  const response = await stack.send(
    startSubmission(view, who, { cv, role: "Data Engineer", questions: "2" }),
  );
  await stack.settle();
  return response;
}

describe("CV files on Slack", () => {
  it("starts an interview from a real PDF CV: its text is stored, summarised and given to the coach", async () => {
    openai().script(planFromCv);
    const grace = slackPerson(emulator, "U0GRACE", "grace");
    const cv = emulator.hostFile({
      name: "Grace Hopper CV.pdf",
      mimetype: "application/pdf",
      bytes: await realCvPdf(),
    });

    const view = await openStartForm(stack, emulator, grace);
    const response = await stack.send(
      startSubmission(view, grace, { role: "Data Engineer", company: "Fabrikam", questions: "2", cv }),
    );
    expect(response.status).toBe(200);
    await stack.settle();

    const notes = ephemeralTexts(emulator, grace.channelId, grace.userId);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("From your CV I understood:");
    expect(notes[0]).toContain("Roles: Senior Data Engineer, Fabrikam Logistics, 2019 - present");
    expect(notes[0]).toContain("Projects: Freight cost forecasting service");
    expect(notes[0]).toContain("Skills: Kotlin; Airflow; BigQuery");
    const parent = await emulator.waitFor(() => parentMessage(emulator, grace), 10_000);
    const session = await stack.session(conversationOf(grace, parent.ts));
    expect(session?.documents?.cv?.split("\n")).toEqual([...REAL_CV_LINES]);
    await emulator.waitFor(() => latestTurnId(emulator, grace.channelId, parent.ts), 10_000);
    expect(threadTexts(emulator, grace.channelId, parent.ts).join("\n")).toContain(
      "Walk me through the Freight cost forecasting service: what was your part in it?",
    );
  });

  it("refuses a web page named cv.pdf as a web page, and starts nothing", async () => {
    const mallory = slackPerson(emulator, "U0WEBPAGE", "webpage");
    const cv = emulator.hostFile({
      name: "cv.pdf",
      mimetype: "application/pdf",
      bytes: "<!DOCTYPE html>\n<html><head><title>CV</title></head><body><h1>Mallory</h1></body></html>\n",
    });

    await submitWithCv(mallory, cv);

    expect(ephemeralTexts(emulator, mallory.channelId, mallory.userId)).toEqual([
      "I can't use your CV (cv.pdf): it is a web page or other marked-up file (HTML, XML or RTF), whatever its name says, not a PDF, Word (.docx), text or Markdown file. Save it as a PDF, or copy its text into a .txt file. Nothing was started; please try again with another file, or without it.",
    ]);
    expect(parentMessage(emulator, mallory)).toBeUndefined();
    expect(await stack.services.desk.history(`slack:${mallory.teamId}`, mallory.userId)).toEqual([]);
  });

  it("refuses a small Word file that would unpack past 20 MB as a zip bomb, not as over 5 MB", async () => {
    const zara = slackPerson(emulator, "U0ZIPBOMB", "zara");
    const xml = `<w:document xmlns:w="x"><w:body>${"<w:p/>".repeat(4_000_000)}</w:body></w:document>`;
    const bomb = buildZip(
      docxEntries(["x"]).map((e) => (e.name === "word/document.xml" ? { ...e, data: xml } : e)),
    );
    const cv = emulator.hostFile({
      name: "cv.docx",
      mimetype: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      bytes: bomb,
    });

    await submitWithCv(zara, cv);

    const [note = "", ...others] = ephemeralTexts(emulator, zara.channelId, zara.userId);
    expect(others).toEqual([]);
    expect(note).toMatch(
      /^I can't use your CV \(cv\.docx\): it is a Word file that would unpack to far more/,
    );
    expect(note).not.toContain("5 MB");
    expect(parentMessage(emulator, zara)).toBeUndefined();
  });

  it("still starts from an ordinary Word CV", async () => {
    openai().script(planFromCv);
    const wes = slackPerson(emulator, "U0WORD", "wes");
    const cv = emulator.hostFile({
      name: "cv.docx",
      mimetype: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      bytes: buildDocx(["Wes", "Experience", "Analyst, Contoso, 2020 - 2024"]),
    });
    const { conversation } = await startInterview(stack, emulator, wes, { cv });
    expect((await stack.session(conversation))?.documents?.cv).toBe(
      "Wes\n\nExperience\n\nAnalyst, Contoso, 2020 - 2024",
    );
  });
});
