import { describe, expect, it } from "vitest";
import { parseDiscordCustomId, renderDiscordMessage } from "../../adapters/discord/render/index.ts";
import type { DiscordPayload } from "../../adapters/discord/render/render-message.ts";
import { ActionIdSchema, type ReplyAction } from "../../src/core/model/reply.ts";
import { ReportSchema } from "../../src/core/model/report.ts";
import {
  allQuotes,
  hostileText,
  manySpokenReport,
  maximalReport,
  nullScoreReport,
  outbound,
  sampleReport,
  seededRandom,
  spokenSampleReport,
  TURN_ACTIONS,
  wordyText,
} from "./sample-reports.ts";

const SUPPRESS_EMBEDS = 1 << 2;

/** Every Discord limit a payload can break, as readable problems (none = the payload would be accepted). */
function discordViolations(payload: DiscordPayload): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(
    JSON.stringify(payload.allowedMentions) === JSON.stringify({ parse: [] }),
    "allowedMentions must be { parse: [] }",
  );
  check(
    Boolean(payload.content) || (payload.embeds?.length ?? 0) > 0 || (payload.components?.length ?? 0) > 0,
    "empty message",
  );
  if (payload.content !== undefined) {
    check(
      payload.content.length > 0 && payload.content.length <= 2000,
      `content ${payload.content.length} > 2000`,
    );
  }
  const embeds = payload.embeds ?? [];
  check(embeds.length <= 10, `${embeds.length} embeds > 10`);
  if (embeds.length > 0)
    check(((payload.flags ?? 0) & SUPPRESS_EMBEDS) === 0, "SUPPRESS_EMBEDS hides embeds");
  let total = 0;
  for (const [index, embed] of embeds.entries()) {
    const at = `embed ${index}`;
    check((embed.title?.length ?? 0) <= 256, `${at} title ${embed.title?.length} > 256`);
    check((embed.description?.length ?? 0) <= 4096, `${at} description ${embed.description?.length} > 4096`);
    check(embed.description === undefined || embed.description.length > 0, `${at} empty description`);
    const fields = embed.fields ?? [];
    check(fields.length <= 25, `${at} has ${fields.length} fields > 25`);
    for (const field of fields) {
      check(field.name.length > 0 && field.name.length <= 256, `${at} field name ${field.name.length}`);
      check(field.value.length > 0 && field.value.length <= 1024, `${at} field value ${field.value.length}`);
    }
    check((embed.footer?.text.length ?? 0) <= 2048, `${at} footer ${embed.footer?.text.length} > 2048`);
    total +=
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.author?.name.length ?? 0);
  }
  check(total <= 6000, `embed text ${total} > 6000`);
  const rows = payload.components ?? [];
  check(rows.length <= 5, `${rows.length} action rows > 5`);
  const customIds = new Set<string>();
  for (const row of rows) {
    check(
      row.components.length >= 1 && row.components.length <= 5,
      `row of ${row.components.length} buttons`,
    );
    for (const button of row.components) {
      if (!("custom_id" in button)) continue;
      check(button.custom_id.length >= 1 && button.custom_id.length <= 100, `custom_id ${button.custom_id}`);
      check(!customIds.has(button.custom_id), `duplicate custom_id ${button.custom_id}`);
      customIds.add(button.custom_id);
      check((button.label?.length ?? 0) <= 80, `button label ${button.label?.length} > 80`);
    }
  }
  return problems;
}

function expectWithinLimits(payloads: DiscordPayload[]): void {
  expect(payloads.length).toBeGreaterThan(0);
  for (const [index, payload] of payloads.entries()) {
    expect(discordViolations(payload), `payload ${index}`).toEqual([]);
  }
}

/** Candidate-visible body text in order (content, descriptions, field values), ready for a containment check. */
function bodyText(payloads: DiscordPayload[]): string {
  const text = payloads
    .flatMap((payload) => [
      payload.content ?? "",
      ...(payload.embeds ?? []).flatMap((embed) => [
        embed.description ?? "",
        ...(embed.fields ?? []).map((field) => field.value),
      ]),
    ])
    .join("\n");
  return normalise(text.replace(/^> /gm, ""));
}

/** Source text as a reader sees it once pieces are put back together: markup characters and spacing ignored. */
function normalise(text: string): string {
  return text.replace(/[…"*]/g, "").replace(/\s+/g, "");
}

function allText(payloads: DiscordPayload[]): string {
  return JSON.stringify(payloads);
}

describe("discord limit checker", () => {
  it("passes a payload at every limit and flags each limit broken by one", () => {
    const field = { name: "n".repeat(256), value: "v".repeat(1024) };
    const atLimit: DiscordPayload = {
      // 256 + 4,096 + 256 + 1,024 + 368 = 6,000 exactly.
      embeds: [
        {
          title: "t".repeat(256),
          description: "d".repeat(4096),
          fields: [field],
          footer: { text: "f".repeat(368) },
        },
      ],
      allowedMentions: { parse: [] },
    };
    expect(discordViolations(atLimit)).toEqual([]);
    expect(discordViolations({ content: "c".repeat(2000), allowedMentions: { parse: [] } })).toEqual([]);

    const broken: DiscordPayload[] = [
      { content: "c".repeat(2001), allowedMentions: { parse: [] } },
      { embeds: Array.from({ length: 11 }, () => ({ title: "x" })), allowedMentions: { parse: [] } },
      { embeds: [{ title: "t".repeat(257) }], allowedMentions: { parse: [] } },
      { embeds: [{ description: "d".repeat(4097) }], allowedMentions: { parse: [] } },
      {
        embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: "a", value: "b" })) }],
        allowedMentions: { parse: [] },
      },
      { embeds: [{ fields: [{ ...field, name: "n".repeat(257) }] }], allowedMentions: { parse: [] } },
      { embeds: [{ fields: [{ ...field, value: "v".repeat(1025) }] }], allowedMentions: { parse: [] } },
      { embeds: [{ footer: { text: "f".repeat(2049) } }], allowedMentions: { parse: [] } },
      {
        embeds: [{ ...atLimit.embeds?.[0], footer: { text: "f".repeat(369) } }],
        allowedMentions: { parse: [] },
      },
      { content: "x", allowedMentions: { parse: ["everyone"] } as unknown as { parse: [] } },
      { embeds: [{ title: "x" }], allowedMentions: { parse: [] }, flags: SUPPRESS_EMBEDS },
      { allowedMentions: { parse: [] } },
      {
        components: [
          {
            type: 1,
            components: Array.from({ length: 6 }, (_, index) => ({
              type: 2 as const,
              style: 2 as const,
              custom_id: `sr:skip:${index}`,
              label: "Skip",
            })),
          },
        ],
        allowedMentions: { parse: [] },
      },
      {
        components: [
          { type: 1, components: [{ type: 2, style: 2, custom_id: "x".repeat(101), label: "Skip" }] },
        ],
        allowedMentions: { parse: [] },
      },
    ];
    for (const payload of broken)
      expect(discordViolations(payload), JSON.stringify(payload).slice(0, 120)).not.toEqual([]);
  });
});

describe("renderDiscordMessage: text", () => {
  it("sends questions in bold content, suppresses link previews and allows no mentions", () => {
    const payloads = renderDiscordMessage(
      outbound(
        [
          { kind: "text", tone: "ack", text: "Answer recorded: 180 words in 2 min 5 s. A good length." },
          {
            kind: "text",
            tone: "question",
            text: "Question 2 of 5\nTell me about a time you failed. @everyone",
          },
        ],
        TURN_ACTIONS,
      ),
    );
    expectWithinLimits(payloads);
    expect(payloads).toHaveLength(1);
    expect(payloads[0]?.content).toBe(
      "Answer recorded: 180 words in 2 min 5 s. A good length.\n\n**Question 2 of 5**\n**Tell me about a time you failed. @everyone**",
    );
    expect(payloads[0]?.flags).toBe(SUPPRESS_EMBEDS);
    expect(payloads[0]?.allowedMentions).toEqual({ parse: [] });
  });

  it("splits long acknowledgements into several messages under 2,000 characters, losing nothing", () => {
    const ack = wordyText("LONGACK", 9000);
    const question = `Question 3 of 5\n${wordyText("LONGQUESTION", 2500)}`;
    const payloads = renderDiscordMessage(
      outbound(
        [
          { kind: "text", tone: "ack", text: ack },
          { kind: "text", tone: "question", text: question },
        ],
        TURN_ACTIONS,
      ),
    );
    expectWithinLimits(payloads);
    expect(payloads.length).toBeGreaterThanOrEqual(6);
    expect(bodyText(payloads)).toContain(normalise(ack + question));
    for (const payload of payloads) expect(payload.flags).toBe(SUPPRESS_EMBEDS);
    // Bold markers are balanced in every message, even where the question was cut.
    for (const payload of payloads) expect(((payload.content ?? "").match(/\*\*/g) ?? []).length % 2).toBe(0);
  });

  it("keeps hostile text within limits (fuzz)", () => {
    const random = seededRandom(7);
    for (let run = 0; run < 50; run += 1) {
      const payloads = renderDiscordMessage(
        outbound(
          [
            { kind: "text", tone: "probe", text: hostileText(random, Math.floor(random() * 6000)) },
            { kind: "text", tone: "notice", text: hostileText(random, Math.floor(random() * 3000)) },
          ],
          TURN_ACTIONS,
        ),
      );
      for (const payload of payloads) expect(discordViolations(payload)).toEqual([]);
    }
  });
});

describe("renderDiscordMessage: report", () => {
  it("writes the overall score and band in words", () => {
    const payloads = renderDiscordMessage(outbound([{ kind: "report", report: sampleReport() }]));
    expectWithinLimits(payloads);
    const [header] = payloads[0]?.embeds ?? [];
    expect(header?.title).toBe("Your interview feedback");
    expect(header?.description).toContain("Overall: 68/100 — Almost (2 of 4 answers scored).");
    expect(header?.footer?.text).toBe(
      "Assessed by: AI coach, offline coach (fallback). AI coach usage: 12,345 input and 2,345 output tokens in 14 calls.",
    );
    for (const payload of payloads) expect(payload.flags).toBeUndefined();
  });

  it("gives one embed per question with STAR as text labels, quotes, strengths, improvements and timing", () => {
    const embeds = renderDiscordMessage(outbound([{ kind: "report", report: sampleReport() }])).flatMap(
      (payload) => payload.embeds ?? [],
    );
    const titles = embeds.map((embed) => embed.title);
    expect(titles).toEqual([
      "Your interview feedback",
      "Question 1 of 4, Leadership: 72/100",
      "Question 2 of 4, Conflict: not scorable (coach unavailable)",
      "Question 3 of 4, Failure: skipped",
      "Question 4 of 4, Success under pressure: not reached",
      "Competency coverage",
      "Your questions for us",
      "Preparation",
      "Overall feedback",
    ]);
    const first = embeds[1];
    const field = (name: string) => first?.fields?.find((candidate) => candidate.name === name)?.value;
    expect(field("Timing")).toBe("180 words in 2 min 5 s (with a follow-up, hint used)");
    expect(field("STAR breakdown")).toContain(
      'Situation: present\n> "Our quarterly report kept shipping late."',
    );
    expect(field("STAR breakdown")).toContain("Result: missing");
    expect(field("STAR breakdown")).toContain("Quantified result: no");
    expect(field("Evidence")).toBe('> "I rebuilt the pipeline in two weeks."\nShows: ownership of the fix');
    expect(field("Strengths")).toBe("- Clear ownership of the action.");
    expect(field("What to improve")).toBe("- Say what changed afterwards, with a number.");
    expect(first?.footer?.text).toBe("Assessed by the AI coach.");
    expect(embeds[2]?.footer?.text).toBe(
      "Assessed by the offline coach (fallback): The AI coach did not answer in time.",
    );
    expect(embeds[5]?.description).toContain("Failure: not covered in this interview");
    expect(embeds[6]?.description).toContain("Quality: strategic.");
    expect(embeds[6]?.fields?.[0]?.value).toBe("- What does success look like in the first 90 days?");
  });

  it("says not scorable and invents no score when nothing was scorable", () => {
    const payloads = renderDiscordMessage(outbound([{ kind: "report", report: nullScoreReport() }]));
    expectWithinLimits(payloads);
    const embeds = payloads.flatMap((payload) => payload.embeds ?? []);
    expect(embeds[0]?.description).toContain("Overall: not scorable.");
    expect(embeds[0]?.description).not.toMatch(/\d+\/100/);
    expect(embeds[1]?.title).toBe("Question 1 of 2, Leadership: not scorable (too short)");
    expect(embeds[0]?.description).toContain("You ended the interview early");
    expect(allText(payloads)).not.toMatch(/\d+\/100/);
  });

  it("shows the second round's Preparation section: each item shown with its quote, or what to prepare", () => {
    const payloads = renderDiscordMessage(outbound([{ kind: "report", report: sampleReport() }]));
    expectWithinLimits(payloads);
    const embed = payloads.flatMap((payload) => payload.embeds ?? []).find((e) => e.title === "Preparation");
    expect(embed?.description).toBe("Your answers showed 3 of the 6 things to have ready for this round.");
    expect(embed?.fields?.map((field) => [field.name, field.value])).toEqual([
      [
        "Why this company over its competitors: shown",
        'Question 1:\n> "Unlike Globex, you publish your pricing data, which is what I want to analyse."',
      ],
      [
        "Company research: not shown",
        "Not shown. Read Acme's latest results or annual report and recent news, and name one fact (a launch, a number, a plan) in an answer.",
      ],
      ["Salary range: shown", 'Question 2:\n> "I\'m looking for £45-50k."'],
      [
        "Notice period: not shown",
        "Not shown. Check your contract and say it plainly: \"I'm on one month's notice.\"",
      ],
      [
        "Start date: not shown",
        'Not shown. Know the earliest date you could start and say it: "I could start on [date]."',
      ],
      [
        "Questions for the panel: shown",
        'Your questions for us:\n> "What does success look like in the first 90 days?"',
      ],
    ]);
    // A first round's report has no such section.
    const { preparation: _none, ...firstRound } = sampleReport();
    const first = renderDiscordMessage(
      outbound([{ kind: "report", report: { ...firstRound, stage: "first" } }]),
    );
    expect(allText(first)).not.toContain("Preparation");
  });

  it("fits a schema-maximal 12-question report and keeps every quote", () => {
    const report = ReportSchema.parse(maximalReport(600));
    const payloads = renderDiscordMessage(outbound([{ kind: "report", report }], TURN_ACTIONS));
    expectWithinLimits(payloads);
    const body = bodyText(payloads);
    for (const quote of allQuotes(report)) expect(body).toContain(normalise(quote));
  });

  it("fits a 12-question report with 1,000-character quotes, cutting quotes only with an ellipsis", () => {
    // Over the schema's 600-character quote limit on purpose: rendering must still fit and lose nothing.
    const report = maximalReport(1000);
    const payloads = renderDiscordMessage(outbound([{ kind: "report", report }], TURN_ACTIONS));
    expectWithinLimits(payloads);
    const body = bodyText(payloads);
    for (const quote of allQuotes(report)) expect(body).toContain(normalise(quote));
    for (const text of [
      ...report.strengths,
      ...report.improvements,
      report.candidateQuestions?.feedback ?? "",
    ]) {
      expect(body).toContain(normalise(text));
    }
    expect(payloads.slice(0, -1).every((payload) => payload.components === undefined)).toBe(true);
    expect(payloads.at(-1)?.components).toHaveLength(1);
  });

  it("marks both sides of a cut quote with an ellipsis", () => {
    const report = sampleReport();
    const quote = wordyText("CUTQUOTE", 3000);
    const first = report.questions[0];
    if (!first?.evaluation) throw new Error("sample report changed");
    first.evaluation.evidence = [{ quote, shows: "ownership" }];
    const fields = renderDiscordMessage(outbound([{ kind: "report", report }]))
      .flatMap((payload) => payload.embeds ?? [])
      .flatMap((embed) => embed.fields ?? [])
      .filter((field) => field.name.startsWith("Evidence"));
    const quoted = fields.filter((field) => field.value.startsWith("> "));
    expect(quoted.length).toBeGreaterThanOrEqual(3);
    expect(quoted[0]?.value.startsWith('> "CUTQUOTE')).toBe(true);
    expect(quoted[0]?.value.endsWith("…")).toBe(true);
    for (const field of quoted.slice(1, -1)) expect(field.value).toMatch(/^> …[\s\S]*…$/);
    expect(quoted.at(-1)?.value).toMatch(/^> …[\s\S]*"\nShows: ownership$/);
    expect(fields.map((field) => field.name)).toContain("Evidence (continued)");
  });

  it("keeps a report full of hostile text within limits and loses no quote (fuzz)", () => {
    const random = seededRandom(11);
    for (let run = 0; run < 20; run += 1) {
      const report = sampleReport();
      report.role = hostileText(random, 200);
      report.strengths = [hostileText(random, 400)];
      for (const question of report.questions) {
        question.questionText = hostileText(random, 5000);
        if (!question.evaluation) continue;
        question.evaluation.fallbackReason = hostileText(random, 300);
        question.evaluation.evidence = [
          { quote: hostileText(random, 2500), shows: hostileText(random, 200) },
        ];
        question.evaluation.star.situation.evidence = hostileText(random, 1500);
      }
      const payloads = renderDiscordMessage(outbound([{ kind: "report", report }], TURN_ACTIONS));
      expectWithinLimits(payloads);
      const body = bodyText(payloads);
      for (const quote of allQuotes(report)) expect(body).toContain(normalise(quote));
    }
  });

  it("puts several small report messages after text and keeps the order of replies", () => {
    const payloads = renderDiscordMessage(
      outbound([
        { kind: "text", tone: "notice", text: "Thank you, that's the end of the interview." },
        { kind: "report", report: sampleReport() },
      ]),
    );
    expectWithinLimits(payloads);
    expect(payloads[0]?.content).toBe("Thank you, that's the end of the interview.");
    expect(payloads[0]?.flags).toBe(SUPPRESS_EMBEDS);
    expect(payloads[1]?.embeds?.[0]?.title).toBe("Your interview feedback");
    expect(payloads[1]?.flags).toBeUndefined();
  });
});

describe("renderDiscordMessage: delivery of spoken answers", () => {
  it("shows a Delivery embed with the summary and tip, and a delivery note on each spoken question", () => {
    const payloads = renderDiscordMessage(outbound([{ kind: "report", report: spokenSampleReport() }]));
    expectWithinLimits(payloads);
    const embeds = payloads.flatMap((payload) => payload.embeds ?? []);
    const delivery = embeds.find((embed) => embed.title === "Delivery");
    expect(delivery?.description).toBe(
      [
        "You answered 1 question aloud: 1 min 35 s of speaking in all.",
        "Pace: 145 words a minute, a good pace.",
        "Fillers: 2.2 per 100 words.",
        "Long pauses (over 2 seconds): 1.",
        "Tip: Across your spoken answer: 145 words a minute, 2.2 fillers per 100 words and 1 long pause. A steady delivery; each answer's note has one thing to try.",
      ].join("\n"),
    );
    expect(delivery?.footer?.text).toBe(
      "Measured from the transcripts' timing; the audio itself is not kept.",
    );
    expect(embeds.map((embed) => embed.title).indexOf("Delivery")).toBe(
      embeds.map((embed) => embed.title).indexOf("Competency coverage") - 1,
    );
    const first = embeds[1]?.fields?.find((field) => field.name === "Delivery")?.value;
    expect(first).toBe(
      '1 min 35 s spoken · 145 words a minute · 2.2 fillers per 100 words (mostly "um") · 1 long pause (longest 2.6 s) · situation 45% · task 10% · action 30% · result 10%\nTip: Your story spent 45% of its time on the situation and 30% on what you did. Set the scene in a sentence or two, then spend most of the time on your actions.',
    );
    // Typed answers carry no delivery note, and a typed report has no Delivery embed.
    expect(embeds[2]?.fields?.some((field) => field.name === "Delivery")).toBe(false);
    expect(
      allText(renderDiscordMessage(outbound([{ kind: "report", report: sampleReport() }]))),
    ).not.toContain("Delivery");
  });

  it("fits twenty spoken schema-maximal answers, every tip whole", () => {
    const report = manySpokenReport(20);
    const payloads = renderDiscordMessage(outbound([{ kind: "report", report }], TURN_ACTIONS));
    expectWithinLimits(payloads);
    const body = bodyText(payloads);
    for (const question of report.questions) expect(body).toContain(normalise(question.delivery?.tip ?? "?"));
    expect(body).toContain(normalise(report.delivery?.tip ?? "?"));
    for (const quote of allQuotes(report)) expect(body).toContain(normalise(quote));
  });
});

describe("renderDiscordMessage: buttons", () => {
  it("puts one row of buttons on the last payload only, styled by action", () => {
    const payloads = renderDiscordMessage(
      outbound([{ kind: "text", tone: "question", text: wordyText("Q", 5000) }], TURN_ACTIONS),
    );
    expectWithinLimits(payloads);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads.slice(0, -1)) expect(payload.components).toBeUndefined();
    const rows = payloads.at(-1)?.components ?? [];
    expect(rows).toHaveLength(1);
    const buttons = rows[0]?.components ?? [];
    expect(buttons.map((button) => ("custom_id" in button ? button.custom_id : ""))).toEqual([
      "sr:submit:conflict-1",
      "sr:skip:conflict-1",
      "sr:repeat:conflict-1",
      "sr:hint:conflict-1",
      "sr:end:conflict-1",
    ]);
    expect(buttons.map((button) => button.style)).toEqual([1, 2, 2, 2, 4]);
    expect(buttons.map((button) => ("label" in button ? button.label : ""))).toEqual([
      "Submit answer",
      "Skip",
      "Repeat",
      "Hint",
      "End",
    ]);
  });

  it("leaves buttons out when asked to, and sends buttons alone when there is no text", () => {
    const withText = outbound([{ kind: "text", tone: "notice", text: "Paused." }], TURN_ACTIONS);
    expect(renderDiscordMessage(withText, { includeActions: false })[0]?.components).toBeUndefined();
    const alone = renderDiscordMessage(outbound([], TURN_ACTIONS));
    expectWithinLimits(alone);
    expect(alone).toHaveLength(1);
    expect(alone[0]?.components?.[0]?.components).toHaveLength(5);
    expect(renderDiscordMessage(outbound([]))).toEqual([]);
  });

  it("splits more than five buttons over rows of five and drops duplicate actions", () => {
    const actions: ReplyAction[] = ActionIdSchema.options.map((id) => ({ id, label: id, turnId: "t" }));
    const rows = renderDiscordMessage(outbound([], [...actions, ...actions]))[0]?.components ?? [];
    expect(rows.map((row) => row.components.length)).toEqual([5, 5]);
  });

  it("round-trips custom ids, including turn ids with colons and the longest question id", () => {
    const longest = `${"q".repeat(80)}:probe`;
    // Practice feedback's buttons ("sr:stronger:" + an 80-character id + ":review") are the longest: 99.
    const longestReview = `${"q".repeat(80)}:review`;
    for (const id of ActionIdSchema.options) {
      for (const turnId of [undefined, "conflict-1", "conflict-1:probe", longest, longestReview]) {
        const payloads = renderDiscordMessage(outbound([], [{ id, label: "Go", turnId }]));
        expectWithinLimits(payloads);
        const button = payloads[0]?.components?.[0]?.components[0];
        const customId = button && "custom_id" in button ? button.custom_id : "";
        expect(parseDiscordCustomId(customId)).toEqual(
          turnId === undefined ? { action: id } : { action: id, turnId },
        );
      }
    }
  });

  it("rejects custom ids that are not ours", () => {
    for (const customId of ["", "sr:", "sr:submit", "sr:launch:q1", "xx:submit:q1", "submit"]) {
      expect(parseDiscordCustomId(customId)).toBeNull();
    }
  });

  it("refuses a custom id over 100 characters rather than cutting the turn id", () => {
    expect(() =>
      renderDiscordMessage(outbound([], [{ id: "submit", label: "Go", turnId: "t".repeat(95) }])),
    ).toThrow(RangeError);
  });
});
