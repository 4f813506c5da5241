import { describe, expect, it } from "vitest";
import { packBlocks } from "../../adapters/shared/pack-blocks.ts";
import { ELLIPSIS, splitFormatted, splitText, truncateText } from "../../adapters/shared/split-text.ts";
import { hostileText, seededRandom, wordyText } from "./sample-reports.ts";

/** What a reader sees once the pieces are put back together: no ellipses, whitespace ignored. */
function normalise(text: string): string {
  return text.replaceAll(ELLIPSIS, "").replace(/\s+/g, "");
}

describe("splitText", () => {
  it("returns short text unchanged and blank text as no pieces", () => {
    expect(splitText("Hello there.", 20)).toEqual(["Hello there."]);
    expect(splitText("", 20)).toEqual([]);
    expect(splitText(" \n\n ", 20)).toEqual([]);
  });

  it("cuts at a paragraph break first, without an ellipsis", () => {
    const text = `${"a".repeat(30)}\n${"b".repeat(10)}\n\n${"c".repeat(30)}`;
    expect(splitText(text, 50)).toEqual([`${"a".repeat(30)}\n${"b".repeat(10)}`, "c".repeat(30)]);
  });

  it("cuts at a line break when there is no paragraph break in reach", () => {
    const text = `${"a".repeat(30)}\n${"b".repeat(30)}`;
    expect(splitText(text, 40)).toEqual(["a".repeat(30), "b".repeat(30)]);
  });

  it("cuts between words inside a line and marks both sides with an ellipsis", () => {
    const pieces = splitText("one two three four five six seven eight nine ten", 20);
    expect(pieces).toEqual(["one two three four…", "…five six seven…", "…eight nine ten"]);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(20);
  });

  it("cuts a word longer than the limit hard, with ellipses, never inside an emoji", () => {
    const word = "👩🏽‍💻".repeat(10);
    const pieces = splitText(word, 20);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(20);
      expect(piece.replaceAll(ELLIPSIS, "").replaceAll("👩🏽‍💻", "")).toBe("");
    }
    expect(pieces.join("").replaceAll(ELLIPSIS, "")).toBe(word);
    expect(pieces[0]?.endsWith(ELLIPSIS)).toBe(true);
    expect(pieces.at(-1)?.startsWith(ELLIPSIS)).toBe(true);
  });

  it("never splits a surrogate pair", () => {
    for (const piece of splitText("😀".repeat(50), 7)) {
      expect(piece).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it("keeps every piece within the limit and loses no visible character (fuzz)", () => {
    const random = seededRandom(20_240_601);
    for (let run = 0; run < 300; run += 1) {
      const text = hostileText(random, Math.floor(random() * 3000));
      const limit = 4 + Math.floor(random() * 400);
      const pieces = splitText(text, limit);
      for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(limit);
      expect(normalise(pieces.join(""))).toBe(normalise(text));
    }
  });

  it("refuses a limit too small to hold a character between two ellipses", () => {
    expect(() => splitText("abcdef", 3)).toThrow(RangeError);
  });
});

describe("splitFormatted", () => {
  it("keeps formatted pieces within the limit and never cuts the markup it adds", () => {
    const escapeAmpersands = (piece: string) => piece.replaceAll("&", "&amp;");
    const pieces = splitFormatted("&".repeat(100), 30, escapeAmpersands);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(30);
      expect(piece.replaceAll("&amp;", "").replaceAll(ELLIPSIS, "")).toBe("");
    }
  });

  it("tells the formatter which piece it is formatting", () => {
    const quoted = splitFormatted(wordyText("QUOTE", 100), 40, (piece, position) => {
      const open = position.index === 0 ? '"' : "";
      const close = position.index === position.count - 1 ? '"' : "";
      return `${open}${piece}${close}`;
    });
    expect(quoted[0]?.startsWith('"QUOTE')).toBe(true);
    expect(quoted.at(-1)?.endsWith('"')).toBe(true);
    expect(quoted.filter((piece) => piece.includes('"'))).toHaveLength(2);
  });
});

describe("packBlocks", () => {
  it("joins blocks that fit, drops blank ones and splits only the block that is too long", () => {
    const chunks = packBlocks(
      [
        { text: "first" },
        { text: "  " },
        { text: "second" },
        { text: wordyText("LONG", 50) },
        { text: "last" },
      ],
      30,
    );
    expect(chunks[0]).toBe("first\nsecond");
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(30);
    expect(chunks.at(-1)?.endsWith("\nlast")).toBe(true);
    expect(normalise(chunks.join(""))).toBe(normalise(`firstsecond${wordyText("LONG", 50)}last`));
  });

  it("applies each block's own formatting", () => {
    expect(
      packBlocks([{ text: "a", format: (piece) => `**${piece}**` }, { text: "b" }], 100, "\n\n"),
    ).toEqual(["**a**\n\nb"]);
  });
});

describe("truncateText", () => {
  it("leaves fitting text alone and ends shortened text with an ellipsis", () => {
    expect(truncateText("Skip", 80)).toBe("Skip");
    const shortened = truncateText("Question 3 of 12, Success under pressure: not scorable", 30);
    expect(shortened.length).toBeLessThanOrEqual(30);
    expect(shortened.endsWith(ELLIPSIS)).toBe(true);
  });

  it("fits the limit after formatting", () => {
    const shortened = truncateText("<".repeat(100), 20, (text) => text.replaceAll("<", "&lt;"));
    expect(shortened.length).toBeLessThanOrEqual(20);
    expect(shortened).toMatch(/^(&lt;)+…$/);
  });
});

describe("chatCommandForm", () => {
  it("shows in-interview commands in the chat form and leaves everything else alone", async () => {
    const { chatCommandForm } = await import("../../adapters/shared/chat-commands.ts");
    expect(chatCommandForm("press Submit (or send /submit). Commands: /skip, /hint, /end.")).toBe(
      "press Submit (or send !submit). Commands: !skip, !hint, !end.",
    );
    expect(chatCommandForm("Start a new one with /interview whenever you like.")).toBe(
      "Start a new one with /interview whenever you like.",
    );
    expect(chatCommandForm("We cut costs by 1/3 and/or /submitted forms")).toBe(
      "We cut costs by 1/3 and/or /submitted forms",
    );
  });
});
