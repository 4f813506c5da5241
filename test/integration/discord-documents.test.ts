// CVs uploaded with /interview start, end to end: the attachment is downloaded from the emulated
// CDN by real discord.js wiring, read by the sandboxed parser and stored with the interview.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildDocx, buildZip, docxEntries } from "../documents/fixtures.ts";
import { DiscordEmulator, type InteractionRecord } from "../emulators/discord/index.ts";
import { planFromCv } from "../support/cv-aware-model.ts";
import { botText, latestPrompt, startDiscordStack } from "../support/discord-stack.ts";
import { emulatorOpenAICoach } from "../support/emulator-openai-coach.ts";
import { REAL_CV_LINES, realCvPdf } from "../support/real-cv-pdf.ts";
import { uniquePrefix } from "../support/redis-test-client.ts";
import { useOpenAIEmulator } from "../support/use-openai-emulator.ts";

const openai = useOpenAIEmulator();
let discord: DiscordEmulator;
let stack: Awaited<ReturnType<typeof startDiscordStack>>;

beforeEach(async () => {
  discord = new DiscordEmulator();
  await discord.start();
  stack = await startDiscordStack(discord, {
    keyPrefix: uniquePrefix("discord-documents"),
    coach: emulatorOpenAICoach(openai().url),
  });
});

afterEach(async () => {
  await stack.stop();
  await discord.stop();
});

/** The text of the private reply to /interview start, once the deferred reply is edited. */
async function replyTo(record: InteractionRecord): Promise<string> {
  const edit = await discord.waitFor(
    () => discord.interactionResponses(record.id).find((response) => response.kind === "original-edit"),
    10_000,
    "command reply",
  );
  return (edit.body as { content: string }).content;
}

async function startWithCv(userId: string, bytes: Uint8Array, name: string, contentType: string) {
  return discord.runSlashCommand({
    userId,
    channelId: discord.defaultChannelId,
    name: "interview",
    subcommand: "start",
    options: { role: "Data Engineer", company: "Fabrikam", questions: 2 },
    attachments: { cv: discord.hostFile(bytes, name, contentType) },
  });
}

describe("CV files on Discord", () => {
  it("starts an interview from a real PDF CV: its text is stored, summarised and given to the coach", async () => {
    openai().script(planFromCv);
    const grace = discord.addUser({ username: "grace" });

    const record = await startWithCv(grace.id, await realCvPdf(), "Grace Hopper CV.pdf", "application/pdf");

    const reply = await replyTo(record);
    expect(reply).toMatch(/^Your interview is ready in <#\d+>/);
    expect(reply).toContain("Roles: Senior Data Engineer, Fabrikam Logistics, 2019 - present");
    expect(reply).toContain("Projects: Freight cost forecasting service");
    expect(reply).toContain("Skills: Kotlin; Airflow; BigQuery");
    const thread = discord.threads.find((candidate) => candidate.members.includes(grace.id));
    if (!thread) throw new Error("no interview thread");
    const stored = await stack.store.load(`discord:${discord.guildId}:${thread.id}`);
    expect(stored?.session.documents?.cv?.split("\n")).toEqual([...REAL_CV_LINES]);
    await discord.waitFor(() => latestPrompt(discord, thread.id), 10_000, "first question");
    expect(botText(discord, thread.id)).toContain(
      "Walk me through the Freight cost forecasting service: what was your part in it?",
    );
  });

  it("refuses a web page named cv.pdf as a web page, and starts nothing", async () => {
    const ada = discord.addUser({ username: "ada" });
    const page = new TextEncoder().encode(
      '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Ada Lovelace</title></head><body><h1>Ada Lovelace</h1><p>Analyst</p></body></html>\n',
    );

    const reply = await replyTo(await startWithCv(ada.id, page, "cv.pdf", "application/pdf"));

    expect(reply).toBe(
      "I can't use your CV (cv.pdf): it is a web page or other marked-up file (HTML, XML or RTF), whatever its name says, not a PDF, Word (.docx), text or Markdown file. Save it as a PDF, or copy its text into a .txt file. Nothing was started; please try again with another file, or without it.",
    );
    expect(discord.threads).toHaveLength(0);
  });

  it("refuses a small Word file that would unpack past 20 MB as a zip bomb, not as over 5 MB", async () => {
    const ada = discord.addUser({ username: "ada" });
    const xml = `<w:document xmlns:w="x"><w:body>${"<w:p/>".repeat(4_000_000)}</w:body></w:document>`;
    const bomb = buildZip(
      docxEntries(["x"]).map((e) => (e.name === "word/document.xml" ? { ...e, data: xml } : e)),
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);

    const reply = await replyTo(
      await startWithCv(
        ada.id,
        bomb,
        "cv.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      ),
    );

    expect(reply).toMatch(
      /^I can't use your CV \(cv\.docx\): it is a Word file that would unpack to far more/,
    );
    expect(reply).not.toContain("5 MB");
    expect(discord.threads).toHaveLength(0);
    // A normal Word CV still starts an interview on the same bot.
    const ok = await replyTo(
      await startWithCv(
        ada.id,
        buildDocx(["Ada Lovelace", "Skills: SQL"]),
        "cv.docx",
        "application/octet-stream",
      ),
    );
    expect(ok).toMatch(/Your interview is ready/);
  });
});
