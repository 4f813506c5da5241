import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/core/interview/parse-command.ts";
import { InterviewOptionsSchema } from "../../src/core/model/interview-options.ts";
import { countWords, plainMentions, sanitizeText } from "../../src/core/model/sanitize-text.ts";

describe("sanitizeText", () => {
  it("removes zero-width, bidi, tag and BOM characters but keeps visible text", () => {
    const hidden = "I led\u200b the\u202e team\u2066 of\ufeff 5\u{E0041}\u{E0042}.";
    expect(sanitizeText(hidden)).toBe("I led the team of 5.");
  });

  it("removes NUL and other control characters, keeping newlines", () => {
    expect(sanitizeText("first\u0000 line\r\nsecond\u0007 line")).toBe("first line\nsecond line");
  });

  it("caps stacked combining marks (zalgo) while keeping ordinary accents", () => {
    const zalgo = `h${"\u0301\u0302\u0303\u0304".repeat(50)}ello café`;
    const cleaned = sanitizeText(zalgo);
    expect(cleaned.length).toBeLessThan(20);
    expect(cleaned.endsWith("ello café")).toBe(true);
    expect(sanitizeText("cafe\u0301")).toBe("café");
  });

  it("drops lone surrogates and keeps real emoji", () => {
    expect(sanitizeText("ok \ud800 then 👍🏽")).toBe("ok  then 👍🏽");
  });

  it("counts words as a person would", () => {
    expect(countWords("I cut costs by 20% in Q3 — saving £3,000.")).toBe(9);
    expect(countWords("   ")).toBe(0);
  });
});

describe("plainMentions", () => {
  it("turns Discord and Slack mention syntax into plain words, never longer and stable on a second pass", () => {
    const cases: [string, string][] = [
      ["<@123456789012345678> Engineer", "@123456789012345678 Engineer"],
      ["<@!123> and <@&456> in <#789>", "@123 and @&456 in #789"],
      ["@everyone @here @channel @Everyone", "＠everyone ＠here ＠channel ＠Everyone"],
      ["<!channel> <!here> <!everyone>", "＠channel ＠here ＠everyone"],
      ["<@U123|casey> <#C1|general> <!subteam^S1|@leads> <!subteam^S2>", "@casey #general @leads @subteam"],
      ["</interview start:123>", "/interview start"],
      ["<@<@1>>", "@@1"],
    ];
    for (const [typed, shown] of cases) {
      expect(plainMentions(typed), typed).toBe(shown);
      expect(plainMentions(shown)).toBe(shown);
      expect(shown.length).toBeLessThanOrEqual(typed.length);
    }
  });

  it("leaves text that is not a mention alone", () => {
    for (const text of [
      "R&D <3 team",
      "C# developer",
      "</candidate_answer>",
      "@heresy",
      "a < b > c",
      "Data @ Acme",
    ])
      expect(plainMentions(text)).toBe(text);
  });

  it("is applied to the role and company of every interview, within the same length limit", () => {
    const options = InterviewOptionsSchema.parse({
      role: ` <@1>${"x".repeat(115)} `,
      company: `${"@here ".repeat(20)}`.trim(),
    });
    expect(options.role).toBe(`@1${"x".repeat(115)}`);
    expect(options.company).not.toMatch(/@here/);
    expect(InterviewOptionsSchema.parse(options)).toEqual(options);
  });
});

describe("parseCommand", () => {
  it("recognises commands and their aliases", () => {
    expect(parseCommand("/skip")).toEqual({ kind: "command", command: "skip" });
    expect(parseCommand("!DONE")).toEqual({ kind: "command", command: "submit" });
    expect(parseCommand("/quit")).toEqual({ kind: "command", command: "end" });
  });

  it("reports an unknown command as a value rather than throwing", () => {
    expect(parseCommand("/dance")).toEqual({ kind: "unknown-command", command: "dance" });
  });

  it("treats slashes inside answers as answer text", () => {
    expect(parseCommand("/r/cscareerquestions helped me prepare")).toEqual({ kind: "text" });
    expect(parseCommand("I did 1/2 of the work")).toEqual({ kind: "text" });
    expect(parseCommand("/")).toEqual({ kind: "text" });
  });
});
