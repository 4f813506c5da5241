import type { OutboundMessage, ReplyAction } from "../../src/core/model/reply.ts";
import { renderReport } from "./render-report.ts";
import type { TerminalStyle } from "./terminal-style.ts";

/** One outbound message as terminal text. Buttons become the equivalent typed commands. */
export function renderMessage(message: OutboundMessage, style: TerminalStyle): string {
  const parts = message.replies.map((reply) => {
    if (reply.kind === "report") return renderReport(reply.report, style);
    switch (reply.tone) {
      case "question":
      case "probe":
        return style.bold(reply.text);
      case "intro":
        return reply.text;
      case "hint":
        return style.accent(reply.text);
      case "transcript":
        return reply.text
          .split("\n")
          .map((line) => `  │ ${line}`)
          .join("\n");
      default:
        return style.dim(reply.text);
    }
  });
  const actions = actionLine(message.actions);
  return [...parts, ...(actions ? [style.dim(actions)] : [])].join("\n");
}

function actionLine(actions: readonly ReplyAction[]): string | null {
  if (actions.length === 0) return null;
  const commands = actions.map((action) =>
    action.id === "submit"
      ? "empty line = submit"
      : action.id === "next"
        ? "empty line or /next"
        : `/${action.id}`,
  );
  return `(${commands.join(" · ")})`;
}
