import type { Answer } from "../model/session.ts";
import { STRONGER_VERSION_HEADING, starScaffoldLines } from "./star-scaffold.ts";

/**
 * How practice mode's stronger version reads: the AI coach's rewrite of the candidate's own story,
 * or the offline coach's STAR scaffold of their own sentences, with the reason first when the
 * scaffold stands in for a rewrite that failed or was refused.
 */

export const AI_STRONGER_VERSION_HEADING =
  "A stronger version, rewritten by the AI coach from the facts you gave (nothing added: fill in each [number] or [name] with your own, and say it in your words):";

/** The text to post, or null when there is no assessed answer to build one from. */
export function strongerVersionText(answer: Answer): string | null {
  const version = answer.strongerVersion;
  if (version?.status === "written" && version.story) {
    const { situation, task, action, result } = version.story;
    return [
      AI_STRONGER_VERSION_HEADING,
      `Situation: ${situation}`,
      `Task: ${task}`,
      `Action: ${action}`,
      `Result: ${result}`,
    ].join("\n");
  }
  const text = answer.parts.map((part) => part.text).join("\n");
  const lines = starScaffoldLines(text, answer.evaluation);
  if (!lines) return null;
  const note =
    version?.status === "written" && version.fallbackReason ? [`Note: ${version.fallbackReason}`] : [];
  return [...note, STRONGER_VERSION_HEADING, ...lines].join("\n");
}
