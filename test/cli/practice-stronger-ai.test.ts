import { rm } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { ChatReply, ChatRequestBody } from "../emulators/openai/types.ts";
import { childProcessTestTimeout, newDataDir, runCli } from "../support/cli-process.ts";
import { playModel } from "../support/play-model.ts";
import { useOpenAIEmulator } from "../support/use-openai-emulator.ts";

const currentEmulator = useOpenAIEmulator();

const STORY =
  "I built a rota app for the food bank with two friends, using Python and a shared spreadsheet. It covered 35 volunteers every week.";

/** The play model, and a rewrite that keeps the candidate's facts but invents a percentage. */
function model(body: ChatRequestBody): ChatReply {
  if (body.response_format?.json_schema?.name !== "rewrite_story") return playModel(body);
  return {
    kind: "json",
    content: {
      situation: "The food bank's volunteer rota kept breaking down.",
      task: "I set out to build a rota app with two friends.",
      action: "I built it myself in Python, with a shared spreadsheet behind it.",
      result: "It covered 35 volunteers every week and cut missed shifts by 45%.",
    },
  };
}

describe("practice mode's /stronger in the terminal with the AI coach", {
  timeout: childProcessTestTimeout(1),
}, () => {
  it("shows the AI coach's rewrite with the candidate's facts, an invented one replaced by [number]", async () => {
    currentEmulator().script(...Array.from({ length: 20 }, () => model));
    const folder = newDataDir();
    // Piped input: an empty line submits; after the feedback, an empty line moves on.
    const lines = [
      STORY,
      "",
      "/stronger",
      "",
      "Because I like turning data into decisions.",
      "",
      "",
      "/skip",
    ];
    try {
      const result = await runCli(
        [
          ...["practice", "--role", "Data Analyst", "--company", "Acme", "--questions", "2"],
          ...["--probes", "0", "--name", "Ada", "--mode", "practice"],
        ],
        `${lines.join("\n")}\n`,
        {
          SECONDROUND_DATA_DIR: folder,
          OPENAI_BASE_URL: `${currentEmulator().url}/v1`,
          OPENAI_MAX_RETRIES: "0",
        },
      );
      expect(result.code).toBe(0);
      const out = result.stdout;
      expect(out).toMatch(/Practice feedback: 74\/100/);
      expect(out).toMatch(/One moment while the AI coach rewrites your answer as a STAR story/);
      expect(out).toMatch(/A stronger version, rewritten by the AI coach from the facts you gave/);
      expect(out).toMatch(/Situation: The food bank's volunteer rota kept breaking down\./);
      expect(out).toMatch(/Action: I built it myself in Python, with a shared spreadsheet behind it\./);
      expect(out).toMatch(
        /Result: It covered 35 volunteers every week and cut missed shifts by \[number\]%\./,
      );
      expect(out).not.toMatch(/45%/);
      // Then on to the next question, as before.
      expect(out).toMatch(/Why do you want to join Acme's data team\?/);
      const asked = currentEmulator().requests.filter(
        (request) => (request.body as ChatRequestBody).response_format?.json_schema?.name === "rewrite_story",
      );
      expect(asked).toHaveLength(1);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
