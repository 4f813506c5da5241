import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { escapeSlackText, parseSlackAction, renderSlackMessage } from "../../adapters/slack/render/index.ts";
import type { SlackPayload } from "../../adapters/slack/render/render-message.ts";
import { ActionIdSchema } from "../../src/core/model/reply.ts";
import { ReportSchema } from "../../src/core/model/report.ts";
import {
  allQuotes,
  HOSTILE_FRAGMENTS,
  hostileText,
  manySpokenReport,
  maximalReport,
  nullScoreReport,
  outbound,
  reportQuestion,
  sampleReport,
  seededRandom,
  spokenSampleReport,
  TURN_ACTIONS,
  wordyText,
} from "./sample-reports.ts";

/** Every text string Slack will read in a payload, with where it is. */
function textFields(payload: SlackPayload): { at: string; text: string }[] {
  const texts = [{ at: "text", text: payload.text }];
  for (const [index, block] of payload.blocks.entries()) {
    const at = `block ${index} (${block.type})`;
    if (block.type === "section") {
      if (block.text) texts.push({ at, text: block.text.text });
      for (const field of block.fields ?? []) texts.push({ at: `${at} field`, text: field.text });
    }
    if (block.type === "header") texts.push({ at, text: block.text.text });
    if (block.type === "context") {
      for (const element of block.elements) if ("text" in element) texts.push({ at, text: element.text });
    }
    if (block.type === "actions") {
      for (const element of block.elements)
        if (element.type === "button") texts.push({ at, text: element.text.text });
    }
  }
  return texts;
}

function blockTextLength(block: KnownBlock): number {
  if (block.type === "section") {
    return (
      (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((sum, field) => sum + field.text.length, 0)
    );
  }
  if (block.type === "header") return block.text.text.length;
  if (block.type === "context") {
    return block.elements.reduce((sum, element) => sum + ("text" in element ? element.text.length : 0), 0);
  }
  return 0;
}

/** Every Block Kit limit a payload can break, as readable problems (none = Slack would accept it). */
function slackViolations(payload: SlackPayload): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(payload.text.length > 0 && payload.text.length <= 4000, `text fallback ${payload.text.length}`);
  check(payload.unfurl_links === false && payload.unfurl_media === false, "unfurls must be off");
  check(payload.blocks.length >= 1 && payload.blocks.length <= 50, `${payload.blocks.length} blocks`);
  const total = payload.blocks.reduce((sum, block) => sum + blockTextLength(block), 0);
  check(total <= 12_000, `block text ${total} > 12,000 per message`);
  const actionIds = new Set<string>();
  for (const [index, block] of payload.blocks.entries()) {
    const at = `block ${index} (${block.type})`;
    check((block.block_id?.length ?? 0) <= 255, `${at} block_id too long`);
    if (block.type === "section") {
      const text = block.text?.text ?? "";
      check(
        block.text === undefined || (text.length >= 1 && text.length <= 3000),
        `${at} text ${text.length}`,
      );
      const fields = block.fields ?? [];
      check(fields.length <= 10, `${at} ${fields.length} fields > 10`);
      for (const field of fields) check(field.text.length >= 1 && field.text.length <= 2000, `${at} field`);
      check(block.text !== undefined || fields.length > 0, `${at} has no text`);
    }
    if (block.type === "header") {
      check(block.text.type === "plain_text", `${at} must be plain_text`);
      check(
        block.text.text.length >= 1 && block.text.text.length <= 150,
        `${at} ${block.text.text.length} > 150`,
      );
    }
    if (block.type === "context") {
      check(
        block.elements.length >= 1 && block.elements.length <= 10,
        `${at} ${block.elements.length} elements`,
      );
      for (const element of block.elements) {
        if ("text" in element) check(element.text.length >= 1 && element.text.length <= 3000, `${at} text`);
      }
    }
    if (block.type === "actions") {
      check(index === payload.blocks.length - 1, `${at} is not the last block`);
      check(
        block.elements.length >= 1 && block.elements.length <= 25,
        `${at} ${block.elements.length} elements`,
      );
      for (const element of block.elements) {
        if (element.type !== "button") continue;
        check(element.text.text.length >= 1 && element.text.text.length <= 75, `${at} button text`);
        const actionId = element.action_id ?? "";
        check(actionId.length >= 1 && actionId.length <= 255, `${at} action_id ${actionId}`);
        check(!actionIds.has(actionId), `${at} duplicate action_id ${actionId}`);
        actionIds.add(actionId);
        check((element.value?.length ?? 0) <= 2000, `${at} value too long`);
      }
    }
  }
  return problems;
}

/**
 * Markup Slack could act on: any "<" (mention or link), a ">" other than a block-quote marker we put at
 * the start of a line, or an "&" that does not start one of the three escapes.
 */
function unsafeMarkup(text: string): string[] {
  const withoutQuoteMarkers = text.replace(/^> /gm, "");
  return [...(withoutQuoteMarkers.match(/[<>]/g) ?? []), ...(text.match(/&(?!amp;|lt;|gt;)/g) ?? [])];
}

function expectWithinLimits(payloads: SlackPayload[]): void {
  expect(payloads.length).toBeGreaterThan(0);
  for (const [index, payload] of payloads.entries()) {
    expect(slackViolations(payload), `payload ${index}`).toEqual([]);
    for (const { at, text } of textFields(payload))
      expect(unsafeMarkup(text), `payload ${index} ${at}`).toEqual([]);
  }
}

/** What Slack shows for escaped text (one pass, so "&amp;lt;" shows as "&lt;"). */
function unescapeSlack(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) =>
    name === "amp" ? "&" : name === "lt" ? "<" : ">",
  );
}

/** Section text in order, without "*Label (continued)*" lines, quote markers or escapes. */
function bodyText(payloads: SlackPayload[]): string {
  const sections = payloads.flatMap((payload) =>
    payload.blocks.flatMap((block) => (block.type === "section" && block.text ? [block.text.text] : [])),
  );
  const text = sections.map((section) => section.replace(/^\*[^\n]* \(continued\)\*\n/, "")).join("\n");
  return normalise(unescapeSlack(text.replace(/^> /gm, "")));
}

/** For each report section (by its heading, "(continued)" left off), the messages it appears in. */
function sectionPages(payloads: SlackPayload[]): Map<string, number[]> {
  const pages = new Map<string, number[]>();
  let title = "";
  payloads.forEach((payload, page) => {
    for (const block of payload.blocks) {
      if (block.type === "header") title = block.text.text.replace(/ \(continued\)$/, "");
      if (block.type === "actions" || title === "") continue;
      const seen = pages.get(title) ?? [];
      if (seen.at(-1) !== page) seen.push(page);
      pages.set(title, seen);
    }
  });
  return pages;
}

/** Source text as a reader sees it once pieces are put back together: markup characters and spacing ignored. */
function normalise(text: string): string {
  return text.replace(/[…"*•]/g, "").replace(/\s+/g, "");
}

const report = (value = sampleReport()) => outbound([{ kind: "report", report: value }]);

describe("slack limit checker", () => {
  it("passes a payload at every limit and flags each limit broken by one", () => {
    const section = (length: number): KnownBlock => ({
      type: "section",
      text: { type: "mrkdwn", text: "s".repeat(length) },
    });
    const atLimit: SlackPayload = {
      text: "t".repeat(4000),
      blocks: [
        { type: "header", text: { type: "plain_text", text: "h".repeat(150) } },
        section(3000),
        section(3000),
        section(3000),
        {
          type: "section",
          fields: Array.from({ length: 10 }, () => ({ type: "mrkdwn" as const, text: "f".repeat(285) })),
        },
      ],
      unfurl_links: false,
      unfurl_media: false,
    };
    expect(slackViolations(atLimit)).toEqual([]);
    const withBlocks = (blocks: KnownBlock[], text = "fallback"): SlackPayload => ({
      text,
      blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    const button = (actionId: string, label = "Skip") => ({
      type: "button" as const,
      action_id: actionId,
      text: { type: "plain_text" as const, text: label },
    });
    const broken: SlackPayload[] = [
      withBlocks([section(10)], ""),
      withBlocks([section(10)], "t".repeat(4001)),
      withBlocks(Array.from({ length: 51 }, () => section(1))),
      withBlocks([section(3001)]),
      withBlocks([section(0)]),
      withBlocks([{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }]),
      withBlocks([
        {
          type: "section",
          fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn" as const, text: "f" })),
        },
      ]),
      withBlocks([{ type: "section", fields: [{ type: "mrkdwn", text: "f".repeat(2001) }] }]),
      withBlocks([{ type: "context", elements: [{ type: "mrkdwn", text: "c".repeat(3001) }] }]),
      withBlocks([section(3000), section(3000), section(3000), section(3000), section(1)]),
      withBlocks([{ type: "actions", elements: [button("sr_skip", "x".repeat(76))] }]),
      withBlocks([{ type: "actions", elements: [button("sr_skip"), button("sr_skip")] }]),
      withBlocks([{ type: "actions", elements: [button("sr_skip")] }, section(1)]),
      { ...withBlocks([section(1)]), unfurl_links: true as false },
    ];
    for (const payload of broken)
      expect(slackViolations(payload), JSON.stringify(payload).slice(0, 120)).not.toEqual([]);
    expect(unsafeMarkup("> quoted &lt;!here&gt; &amp;")).toEqual([]);
    expect(unsafeMarkup("a <!here> b")).not.toEqual([]);
    expect(unsafeMarkup("x > y")).not.toEqual([]);
    expect(unsafeMarkup("&lt; &")).not.toEqual([]);
  });
});

describe("escapeSlackText", () => {
  it("escapes &, < and > so mentions and links stay text", () => {
    expect(escapeSlackText("<!channel> <!here> <@U123>")).toBe(
      "&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt;",
    );
    expect(escapeSlackText("<http://evil|click>")).toBe("&lt;http://evil|click&gt;");
    expect(escapeSlackText("Q&A")).toBe("Q&amp;A");
  });

  it("escapes & first, so text that already reads &lt; shows as &lt;", () => {
    expect(escapeSlackText("&lt;")).toBe("&amp;lt;");
    expect(unescapeSlack(escapeSlackText("&lt;b&gt; & <b>"))).toBe("&lt;b&gt; & <b>");
  });

  it("leaves everything else alone", () => {
    expect(escapeSlackText("*bold* `code` 😀 @here #general")).toBe("*bold* `code` 😀 @here #general");
  });
});

describe("renderSlackMessage: text", () => {
  it("sends questions in bold, escaped, with a fallback text and no unfurls", () => {
    const payloads = renderSlackMessage(
      outbound(
        [
          { kind: "text", tone: "ack", text: "Answer recorded: 180 words in 2 min 5 s. A good length." },
          {
            kind: "text",
            tone: "question",
            text: "Question 2 of 5\nTell me about <!here> a time you failed.",
          },
        ],
        TURN_ACTIONS,
      ),
    );
    expectWithinLimits(payloads);
    expect(payloads).toHaveLength(1);
    const [ack, question] = payloads[0]?.blocks ?? [];
    expect(ack).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "Answer recorded: 180 words in 2 min 5 s. A good length.",
        verbatim: true,
      },
    });
    expect(question?.type === "section" && question.text?.text).toBe(
      "*Question 2 of 5*\n*Tell me about &lt;!here&gt; a time you failed.*",
    );
    expect(payloads[0]?.text).toContain("Answer recorded");
  });

  it("splits long acknowledgements into sections under 3,000 characters, losing nothing", () => {
    const ack = wordyText("LONGACK", 20_000);
    const payloads = renderSlackMessage(outbound([{ kind: "text", tone: "ack", text: ack }], TURN_ACTIONS));
    expectWithinLimits(payloads);
    expect(payloads.length).toBeGreaterThan(1);
    expect(bodyText(payloads)).toContain(normalise(ack));
  });

  it("never lets hostile text through as a mention, link or stray escape (fuzz)", () => {
    const random = seededRandom(42);
    for (let run = 0; run < 60; run += 1) {
      const payloads = renderSlackMessage(
        outbound(
          [
            { kind: "text", tone: "question", text: hostileText(random, Math.floor(random() * 7000)) },
            { kind: "text", tone: "ack", text: hostileText(random, Math.floor(random() * 2000)) },
            { kind: "text", tone: "hint", text: hostileText(random, 50) },
          ],
          [{ id: "submit", label: hostileText(random, 100), turnId: "conflict-1" }],
        ),
      );
      expectWithinLimits(payloads);
    }
  });

  it("escapes every hostile fragment in every part of a report (fuzz)", () => {
    const random = seededRandom(99);
    for (let run = 0; run < 20; run += 1) {
      const value = sampleReport();
      value.role = hostileText(random, 80);
      value.company = hostileText(random, 80);
      value.strengths = [hostileText(random, 400)];
      value.improvements = [hostileText(random, 400)];
      if (value.candidateQuestions) {
        value.candidateQuestions.questions = [hostileText(random, 300)];
        value.candidateQuestions.feedback = hostileText(random, 600);
      }
      for (const question of value.questions) {
        question.questionText = hostileText(random, 500);
        if (!question.evaluation) continue;
        question.evaluation.fallbackReason = hostileText(random, 300);
        question.evaluation.evidence = [{ quote: hostileText(random, 600), shows: hostileText(random, 200) }];
        question.evaluation.star.situation.evidence = hostileText(random, 300);
        question.evaluation.strengths = [hostileText(random, 400)];
      }
      const payloads = renderSlackMessage(report(value));
      expectWithinLimits(payloads);
      const body = bodyText(payloads);
      for (const quote of allQuotes(value)) expect(body).toContain(normalise(quote));
    }
    // Each fragment on its own, so none hides behind another.
    for (const fragment of HOSTILE_FRAGMENTS) {
      expectWithinLimits(
        renderSlackMessage(outbound([{ kind: "text", tone: "probe", text: `x ${fragment} y` }])),
      );
    }
  });
});

describe("renderSlackMessage: report", () => {
  it("writes the overall score and band in words, STAR as text labels, quotes and metadata", () => {
    const payloads = renderSlackMessage(report());
    expectWithinLimits(payloads);
    const blocks = payloads.flatMap((payload) => payload.blocks);
    const texts = blocks.map((block) => {
      if (block.type === "section") return block.text?.text ?? "";
      if (block.type === "header") return `# ${block.text.text}`;
      if (block.type === "context")
        return `(${block.elements.map((element) => ("text" in element ? element.text : "")).join("")})`;
      return `[${block.type}]`;
    });
    expect(texts.slice(0, 11)).toEqual([
      "# Your interview feedback",
      "Data Analyst at Acme, second round.\nOverall: 68/100 — Almost (2 of 4 answers scored).",
      "(Assessed by: AI coach, offline coach (fallback). AI coach usage: 12,345 input and 2,345 output tokens in 14 calls.)",
      "[divider]",
      "# Question 1 of 4, Leadership: 72/100",
      "Tell me about a time you had to deliver under pressure (question 1).",
      "*Timing*\n180 words in 2 min 5 s (with a follow-up, hint used)",
      '*STAR breakdown*\nSituation: present\n> "Our quarterly report kept shipping late."\nTask: present\n> "I had to get it out on time."\nAction: present\n> "I rebuilt the pipeline in two weeks."\nResult: missing\nQuantified result: no',
      '*Evidence*\n> "I rebuilt the pipeline in two weeks."\nShows: ownership of the fix',
      '*Evidence*\n> "Our quarterly report kept shipping late."\nShows: a clear situation',
      "*Strengths*\n• Clear ownership of the action.",
    ]);
    expect(texts).toContain("# Question 2 of 4, Conflict: not scorable (coach unavailable)");
    expect(texts).toContain(
      "(Assessed by the offline coach (fallback): The AI coach did not answer in time.)",
    );
    expect(texts).toContain("# Competency coverage");
    expect(texts).toContain("# Your questions for us");
    expect(texts).toContain("*What you asked*\n• What does success look like in the first 90 days?");
    expect(texts).toContain("*Overall strengths*\n• You own your actions.");
  });

  it("shows the second round's Preparation section: each item shown with its quote, or what to prepare", () => {
    const payloads = renderSlackMessage(report());
    expectWithinLimits(payloads);
    const texts = payloads
      .flatMap((payload) => payload.blocks)
      .map((block) =>
        block.type === "section"
          ? (block.text?.text ?? "")
          : block.type === "header"
            ? `# ${block.text.text}`
            : "",
      );
    const start = texts.indexOf("# Preparation");
    expect(start).toBeGreaterThan(0);
    expect(texts.slice(start + 1, start + 8)).toEqual([
      "Your answers showed 3 of the 6 things to have ready for this round.",
      '*Why this company over its competitors: shown*\nQuestion 1:\n> "Unlike Globex, you publish your pricing data, which is what I want to analyse."',
      "*Company research: not shown*\nNot shown. Read Acme's latest results or annual report and recent news, and name one fact (a launch, a number, a plan) in an answer.",
      '*Salary range: shown*\nQuestion 2:\n> "I\'m looking for £45-50k."',
      "*Notice period: not shown*\nNot shown. Check your contract and say it plainly: \"I'm on one month's notice.\"",
      '*Start date: not shown*\nNot shown. Know the earliest date you could start and say it: "I could start on [date]."',
      '*Questions for the panel: shown*\nYour questions for us:\n> "What does success look like in the first 90 days?"',
    ]);
    const { preparation: _none, ...firstRound } = sampleReport();
    const first = renderSlackMessage(report({ ...firstRound, stage: "first" }));
    expect(JSON.stringify(first)).not.toContain("Preparation");
  });

  it("says not scorable and invents no score when nothing was scorable", () => {
    const payloads = renderSlackMessage(report(nullScoreReport()));
    expectWithinLimits(payloads);
    const all = JSON.stringify(payloads);
    expect(all).toContain("Overall: not scorable.");
    expect(all).not.toMatch(/\d+\/100/);
    expect(all).toContain("Question 1 of 2, Leadership: not scorable (too short)");
  });

  it("fits a schema-maximal 12-question report and keeps every quote", () => {
    const value = ReportSchema.parse(maximalReport(600));
    const payloads = renderSlackMessage(outbound([{ kind: "report", report: value }], TURN_ACTIONS));
    expectWithinLimits(payloads);
    const body = bodyText(payloads);
    for (const quote of allQuotes(value)) expect(body).toContain(normalise(quote));
  });

  it("fits a 12-question report with 1,000-character quotes and keeps every quote", () => {
    // Over the schema's 600-character quote limit on purpose: rendering must still fit and lose nothing.
    const value = maximalReport(1000);
    const payloads = renderSlackMessage(outbound([{ kind: "report", report: value }], TURN_ACTIONS));
    expectWithinLimits(payloads);
    expect(payloads.length).toBeGreaterThan(1);
    const body = bodyText(payloads);
    for (const quote of allQuotes(value)) expect(body).toContain(normalise(quote));
    for (const payload of payloads) {
      expect(payload.blocks[0]?.type).not.toBe("divider");
      expect(payload.blocks.at(-1)?.type).not.toBe("divider");
    }
  });

  it("splits a long report between questions: every message starts with a heading, each question whole", () => {
    const value = ReportSchema.parse({
      ...sampleReport(),
      questions: Array.from({ length: 12 }, (_, index) => reportQuestion(index)),
    });
    const payloads = renderSlackMessage(outbound([{ kind: "report", report: value }], TURN_ACTIONS));
    expectWithinLimits(payloads);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(payload.blocks[0]?.type).toBe("header");
    const pagesOf = sectionPages(payloads);
    expect([...pagesOf.keys()].filter((title) => title.startsWith("Question"))).toHaveLength(12);
    for (const [title, pages] of pagesOf) expect(pages, title).toHaveLength(1);
    expect(JSON.stringify(payloads)).not.toContain("(continued)");
    expect(payloads.at(-1)?.blocks.at(-1)?.type).toBe("actions");
  });

  it("splits only a question too long for one message, repeating its heading with (continued)", () => {
    const value = sampleReport();
    const first = value.questions[0];
    if (!first?.evaluation) throw new Error("sample report changed");
    first.evaluation.strengths = Array.from({ length: 40 }, (_, item) => wordyText(`LONG${item}`, 400));
    const payloads = renderSlackMessage(report(value));
    expectWithinLimits(payloads);
    const headers = payloads.map((payload) => {
      const top = payload.blocks[0];
      return top?.type === "header" ? top.text.text : `(${top?.type})`;
    });
    // The long question starts a message of its own and goes on in the next under its heading again.
    expect(headers.slice(0, 3)).toEqual([
      "Your interview feedback",
      "Question 1 of 4, Leadership: 72/100",
      "Question 1 of 4, Leadership: 72/100 (continued)",
    ]);
    const pagesOf = sectionPages(payloads);
    expect(pagesOf.get("Question 1 of 4, Leadership: 72/100")).toEqual([1, 2]);
    for (const [title, pages] of pagesOf)
      if (!title.startsWith("Question 1 ")) expect(pages, title).toHaveLength(1);
    const body = bodyText(payloads);
    for (const strength of first.evaluation.strengths) expect(body).toContain(normalise(strength));
  });

  it("cuts a quote too long for one section with an ellipsis on both sides", () => {
    const value = sampleReport();
    const first = value.questions[0];
    if (!first?.evaluation) throw new Error("sample report changed");
    first.evaluation.evidence = [{ quote: wordyText("CUTQUOTE", 8000), shows: "ownership" }];
    const evidence = renderSlackMessage(report(value))
      .flatMap((payload) => payload.blocks)
      .flatMap((block) =>
        block.type === "section" && block.text?.text.startsWith("*Evidence") ? [block.text.text] : [],
      );
    expect(evidence.length).toBeGreaterThanOrEqual(3);
    expect(evidence[0]).toMatch(/^\*Evidence\*\n> "CUTQUOTE[\s\S]*…$/);
    for (const text of evidence.slice(1, -1))
      expect(text).toMatch(/^\*Evidence \(continued\)\*\n> …[\s\S]*…$/);
    expect(evidence.at(-1)).toMatch(/^\*Evidence \(continued\)\*\n> …[\s\S]*"\nShows: ownership$/);
  });
});

describe("renderSlackMessage: delivery of spoken answers", () => {
  function texts(payloads: SlackPayload[]): string[] {
    return payloads
      .flatMap((payload) => payload.blocks)
      .map((block) => {
        if (block.type === "section") return block.text?.text ?? "";
        if (block.type === "header") return `# ${block.text.text}`;
        if (block.type === "context")
          return `(${block.elements.map((element) => ("text" in element ? element.text : "")).join("")})`;
        return `[${block.type}]`;
      });
  }

  it("shows a Delivery part with the summary and tip, and a delivery note on each spoken question", () => {
    const payloads = renderSlackMessage(report(spokenSampleReport()));
    expectWithinLimits(payloads);
    const all = texts(payloads);
    const start = all.indexOf("# Delivery");
    expect(all.slice(start, start + 3)).toEqual([
      "# Delivery",
      "You answered 1 question aloud: 1 min 35 s of speaking in all.\nPace: 145 words a minute, a good pace.\nFillers: 2.2 per 100 words.\nLong pauses (over 2 seconds): 1.\nTip: Across your spoken answer: 145 words a minute, 2.2 fillers per 100 words and 1 long pause. A steady delivery; each answer's note has one thing to try.",
      "(Measured from the transcripts' timing; the audio itself is not kept.)",
    ]);
    const question = all.indexOf("# Question 1 of 4, Leadership: 72/100");
    expect(all.slice(question + 2, question + 4)).toEqual([
      "*Timing*\n180 words in 2 min 5 s (with a follow-up, hint used)",
      '*Delivery*\n1 min 35 s spoken · 145 words a minute · 2.2 fillers per 100 words (mostly "um") · 1 long pause (longest 2.6 s) · situation 45% · task 10% · action 30% · result 10%\nTip: Your story spent 45% of its time on the situation and 30% on what you did. Set the scene in a sentence or two, then spend most of the time on your actions.',
    ]);
    expect(all.filter((line) => line.startsWith("*Delivery*"))).toHaveLength(1);
    expect(JSON.stringify(renderSlackMessage(report()))).not.toContain("Delivery");
  });

  it("fits twenty spoken schema-maximal answers, every tip whole", () => {
    const value = manySpokenReport(20);
    const payloads = renderSlackMessage(outbound([{ kind: "report", report: value }], TURN_ACTIONS));
    expectWithinLimits(payloads);
    const body = bodyText(payloads);
    for (const question of value.questions) expect(body).toContain(normalise(question.delivery?.tip ?? "?"));
    expect(body).toContain(normalise(value.delivery?.tip ?? "?"));
    for (const quote of allQuotes(value)) expect(body).toContain(normalise(quote));
  });
});

describe("renderSlackMessage: buttons", () => {
  it("puts the buttons only on the last payload, with action ids, turn ids and styles", () => {
    const payloads = renderSlackMessage(
      outbound([{ kind: "report", report: maximalReport(1000) }], TURN_ACTIONS),
    );
    expectWithinLimits(payloads);
    for (const payload of payloads.slice(0, -1)) {
      expect(payload.blocks.some((block) => block.type === "actions")).toBe(false);
    }
    const actions = payloads.at(-1)?.blocks.at(-1);
    expect(actions?.type).toBe("actions");
    if (actions?.type !== "actions") return;
    expect(
      actions.elements.map((element) =>
        element.type === "button" ? [element.action_id, element.value, element.style ?? null] : null,
      ),
    ).toEqual([
      ["sr_submit", "conflict-1", "primary"],
      ["sr_skip", "conflict-1", null],
      ["sr_repeat", "conflict-1", null],
      ["sr_hint", "conflict-1", null],
      ["sr_end", "conflict-1", "danger"],
    ]);
  });

  it("leaves buttons out when asked to, and sends buttons alone with a fallback text", () => {
    const withText = outbound([{ kind: "text", tone: "notice", text: "Paused." }], TURN_ACTIONS);
    const without = renderSlackMessage(withText, { includeActions: false });
    expect(without.flatMap((payload) => payload.blocks).some((block) => block.type === "actions")).toBe(
      false,
    );
    const alone = renderSlackMessage(outbound([], TURN_ACTIONS));
    expectWithinLimits(alone);
    expect(alone).toHaveLength(1);
    expect(alone[0]?.text).toBe("Buttons: Submit answer, Skip, Repeat, Hint, End");
    expect(renderSlackMessage(outbound([]))).toEqual([]);
  });

  it("round-trips action ids and turn ids", () => {
    for (const id of ActionIdSchema.options) {
      for (const turnId of [undefined, "conflict-1", "conflict-1:probe"]) {
        const payloads = renderSlackMessage(outbound([], [{ id, label: "Go", turnId }]));
        const block = payloads[0]?.blocks[0];
        const button = block?.type === "actions" ? block.elements[0] : undefined;
        if (button?.type !== "button") throw new Error("no button rendered");
        expect(button.value).toBe(turnId ?? "");
        expect(parseSlackAction(button.action_id ?? "", button.value)).toEqual(
          turnId === undefined ? { action: id } : { action: id, turnId },
        );
      }
    }
  });

  it("rejects action ids that are not ours", () => {
    for (const actionId of ["", "sr_", "sr_launch", "submit", "xx_submit"]) {
      expect(parseSlackAction(actionId, "q1")).toBeNull();
    }
    expect(parseSlackAction("sr_skip", undefined)).toEqual({ action: "skip" });
  });
});
