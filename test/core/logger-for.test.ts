import { describe, expect, it } from "vitest";
import { type Logger, loggerFor } from "../../src/core/ports/ports.ts";

type Line = { level: string; message: string; fields: Record<string, unknown> | undefined };

function recording(bindings: Record<string, unknown> = {}, children: Record<string, unknown>[] = []) {
  const lines: Line[] = [];
  const make = (bound: Record<string, unknown>): Logger => {
    const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
      lines.push({ level, message, fields: { ...bound, ...fields } });
    return {
      debug: write("debug"),
      info: write("info"),
      warn: write("warn"),
      error: write("error"),
      child: (more) => {
        children.push({ ...more });
        return make({ ...bound, ...more });
      },
    };
  };
  return { logger: make(bindings), lines, children };
}

describe("a logger per interview", () => {
  it("uses the logger's own child, made once and only when something is logged", () => {
    const { logger, lines, children } = recording();
    const interview = loggerFor(logger, { conversation: "discord:1:2" });
    expect(children).toEqual([]);
    interview.warn("delivery failed", { idempotencyKey: "k" });
    interview.error("again");
    expect(children).toEqual([{ conversation: "discord:1:2" }]);
    expect(lines).toEqual([
      {
        level: "warn",
        message: "delivery failed",
        fields: { conversation: "discord:1:2", idempotencyKey: "k" },
      },
      { level: "error", message: "again", fields: { conversation: "discord:1:2" } },
    ]);
  });

  it("adds the bindings to each line's fields for a logger without children", () => {
    const lines: Line[] = [];
    const plain: Logger = {
      debug: () => {},
      info: (message, fields) => lines.push({ level: "info", message, fields }),
      warn: () => {},
      error: () => {},
    };
    loggerFor(plain, { conversation: "slack:T:C:1" }).info("resumed", { at: 3 });
    expect(lines).toEqual([
      { level: "info", message: "resumed", fields: { conversation: "slack:T:C:1", at: 3 } },
    ]);
  });
});
