import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderDiscordMessage } from "../../../adapters/discord/render/index.ts";
import { renderSlackMessage } from "../../../adapters/slack/render/index.ts";
import { renderMessage } from "../../../adapters/terminal/render-message.ts";
import { terminalStyle } from "../../../adapters/terminal/terminal-style.ts";
import { FallbackCoach } from "../../../src/coach/fallback-coach.ts";
import { createOfflineCoach } from "../../../src/coach/offline-coach.ts";
import { ProviderCircuit } from "../../../src/coach/openai/provider-circuit.ts";
import { plannedFromBankText, standInText } from "../../../src/core/interview/copy.ts";
import type { OutboundMessage } from "../../../src/core/model/reply.ts";
import { ReportSchema } from "../../../src/core/model/report.ts";
import type { Logger } from "../../../src/core/ports/ports.ts";
import { childProcessTestTimeout, runCli } from "../../support/cli-process.ts";
import { emulatorOpenAICoach } from "../../support/emulator-openai-coach.ts";
import { inbound, makeEngine } from "../../support/engine-harness.ts";
import { useOpenAIEmulator } from "../../support/use-openai-emulator.ts";
import { HOSTILE_MARKERS, hostileModel, MARKER_OF_LONG_ANSWER } from "./hostile-model.ts";

const currentEmulator = useOpenAIEmulator();
const conversation = "terminal:hostile-model" as const;
const QUESTION_COUNT = 4;

/** A real 131-word answer (the model will call it "empty"). */
const LONG_ANSWER = `In my second year I worked part time in a ${MARKER_OF_LONG_ANSWER} that shipped garden furniture. During the spring rush our picking errors rose to about forty a week, and customers were complaining. My supervisor asked me to find out why and fix it within a month. I spent two evenings shadowing each shift and noticed that similar products shared the same shelf labels. I proposed colour-coded labels, redesigned the shelf map in a spreadsheet, and trained the six pickers on my shift. I also set up a simple tally sheet so we could see errors each day. Within three weeks errors fell from forty to nine a week, and the manager rolled the labels out to the other two shifts. I learned to measure a problem before trying to solve it.`;
const OTHER_ANSWERS = [
  "At university our group project stalled because two of us disagreed about the survey design. I suggested we each write down what we needed from the data, and I drafted a compromise that kept both question sets short. We agreed it in one meeting and finished the survey a week early, with 240 responses.",
  "During my placement I missed a deadline for a client report because I underestimated the data cleaning. I told my manager straight away, proposed a new date and worked through the cleaning with a checklist. The report went out two days late but without errors, and I now plan cleaning time first.",
  "When our volunteer rota kept breaking down I built a shared calendar and a reminder email on my own initiative. I tested it with three volunteers first, then rolled it out to all 35. Missed shifts dropped from six a month to one.",
];
const PROBE_REPLY = "It saved about three hours a week and errors fell by a quarter.";
/** 18 words, asking nothing (the model will call it "strategic"). */
const CLOSING_REPLY =
  "Thank you for your time today, I have really enjoyed learning more about the team and this role.";

function recordingLogger(): Logger & { messages: string[] } {
  const messages: string[] = [];
  const record = (message: string, fields?: Record<string, unknown>) => {
    messages.push(`${message} ${JSON.stringify(fields ?? {})}`);
  };
  return { messages, debug: record, info: record, warn: record, error: record };
}

/** Every way a message is shown: terminal text, Discord payloads, Slack payloads. */
function renderings(message: OutboundMessage): string[] {
  return [
    renderMessage(message, terminalStyle(false)),
    JSON.stringify(renderDiscordMessage(message)),
    JSON.stringify(renderSlackMessage(message)),
  ];
}

/** Undoes the escaping renderers apply, so escaped hostile text is still found. */
function readable(text: string): string {
  return text
    .replace(/\p{Cf}/gu, "")
    .replaceAll("\\u003c", "<")
    .replaceAll("\\u003e", ">")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

function expectNothingHostile(where: string, text: string): void {
  const shown = readable(text);
  for (const marker of HOSTILE_MARKERS) expect(shown, `${where} shows ${marker}`).not.toContain(marker);
}

function aiCoach(logger: Logger) {
  const circuit = new ProviderCircuit({ failureThreshold: 5, coolDownMs: 30_000, callDeadlineMs: 10_000 });
  const ai = emulatorOpenAICoach(currentEmulator().url, { timeout: 5_000, circuit });
  return new FallbackCoach(ai, createOfflineCoach(), logger);
}

describe("a model that returns hostile but schema-valid output for every task", () => {
  it("reaches no rendered message and no report, and the question count shown is the count asked", async () => {
    currentEmulator().script(...Array.from({ length: 60 }, () => hostileModel));
    const logger = recordingLogger();
    const { engine, sender } = makeEngine({ coach: aiCoach(logger), logger });
    await engine.handle(
      inbound.start(conversation, { questionCount: QUESTION_COUNT, stage: "first", probeLimit: 1 }),
    );

    const headings: string[] = [];
    const answers = [LONG_ANSWER, ...OTHER_ANSWERS];
    for (let turn = 0; turn < 12; turn += 1) {
      const session = await engine.current(conversation);
      if (session?.phase !== "interviewing" || !session.turn) break;
      const { questionId, prompt } = session.turn;
      if (prompt === "probe") {
        await engine.handle(inbound.answer(conversation, `${questionId}:probe`, PROBE_REPLY));
      } else if (questionId === "closing") {
        await engine.handle(inbound.answer(conversation, questionId, CLOSING_REPLY));
      } else {
        const shown = sender.texts().findLast((text) => /^Question \d+ of \d+\n/.test(text)) ?? "";
        headings.push(/^Question \d+ of \d+/.exec(shown)?.[0] ?? "");
        await engine.handle(inbound.answer(conversation, questionId, answers.shift() ?? LONG_ANSWER));
      }
    }
    await engine.idle();

    const session = await engine.current(conversation);
    expect(session?.phase).toBe("finished");
    const asked = session?.questions.filter((question) => question.kind !== "closing") ?? [];
    expect(asked).toHaveLength(QUESTION_COUNT);
    expect(headings).toEqual(asked.map((_, index) => `Question ${index + 1} of ${QUESTION_COUNT}`));
    // The plan broke its promise twice; the gap came from the question bank, and the candidate was told.
    expect(sender.texts()).toContain(
      plannedFromBankText("invalid-output", QUESTION_COUNT - 1, QUESTION_COUNT),
    );
    expect(asked.some((question) => question.kind === "practical")).toBe(false);

    for (const message of sender.messages) {
      for (const rendered of renderings(message)) expectNothingHostile(message.idempotencyKey, rendered);
    }
    const report = ReportSchema.parse(session?.report);
    expectNothingHostile("report JSON", JSON.stringify(report));
    for (const item of [...report.strengths, ...report.improvements])
      expect(item.length).toBeLessThanOrEqual(400);

    // "Not scorable: empty" on a real 131-word answer is overruled by the measurement, and logged.
    const long = report.questions.find((question) => question.timing?.words === 131);
    expect(long?.evaluation).toMatchObject({
      coach: "offline",
      scorable: true,
      fallbackReason: standInText("invalid-output", "answer"),
    });
    expect(
      logger.messages.some((line) => /131-word answer.*empty.*overruled by the measurement/.test(line)),
    ).toBe(true);
    // "Strategic" for a reply that asks nothing is overruled too.
    expect(report.candidateQuestions).toMatchObject({
      quality: "none",
      fallbackReason: standInText("invalid-output", "candidate-questions"),
    });
    expect(
      logger.messages.some((line) => /strategic.*asks no question.*overruled by the measurement/.test(line)),
    ).toBe(true);
    // The summary was hostile through and through: the offline coach's, labelled.
    expect(report.summaryFallbackReason).toBe(standInText("invalid-output", "summary"));
  }, 60_000);

  it("reaches neither the terminal nor the --report-json file of a real practice run", {
    timeout: childProcessTestTimeout(1),
  }, async () => {
    currentEmulator().script(...Array.from({ length: 60 }, () => hostileModel));
    const reportPath = join(tmpdir(), `sr-hostile-${process.pid}-${Date.now()}.json`);
    const input = [
      LONG_ANSWER,
      "",
      PROBE_REPLY,
      "",
      OTHER_ANSWERS[0],
      "",
      PROBE_REPLY,
      "",
      CLOSING_REPLY,
      "",
    ];
    const result = await runCli(
      [
        "practice",
        ...["--role", "Data Analyst", "--company", "Acme", "--stage", "first", "--questions", "2"],
        ...[
          "--probes",
          "1",
          "--name",
          "Ada",
          "--session",
          `hostile-${Date.now()}`,
          "--report-json",
          reportPath,
        ],
      ],
      `${input.join("\n")}\n`,
      { OPENAI_BASE_URL: `${currentEmulator().url}/v1`, OPENAI_MAX_RETRIES: "0" },
    );
    expect(result.code).toBe(0);
    expectNothingHostile("terminal", result.stdout);
    expect(result.stdout).toMatch(/Question 1 of 2\n/);
    expect(result.stdout).toMatch(/Question 2 of 2\n/);
    expect(result.stdout).not.toMatch(/Question \d+ of (?!2\b)/);
    const report = ReportSchema.parse(JSON.parse(await readFile(reportPath, "utf8")));
    expectNothingHostile("--report-json", JSON.stringify(report));
    expect(report.questions).toHaveLength(2);
  });
});
