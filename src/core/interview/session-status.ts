import { BAND_LABELS } from "../model/report.ts";
import { countWords } from "../model/sanitize-text.ts";
import type { Session } from "../model/session.ts";
import { NOTICES } from "./copy.ts";
import { probeLimitOf } from "./probe-limit.ts";
import { questionLabel } from "./session-turns.ts";

/** Where the candidate is in an interview, in one short paragraph (`/status`, `/interview status`). */
export function statusText(session: Session): string {
  if (session.phase === "planning") return NOTICES.preparing;
  if (session.phase !== "interviewing" || !session.turn) return NOTICES.interviewOver;
  const answered = session.answers.filter((answer) => answer.status === "answered").length;
  const skipped = session.answers.filter((answer) => answer.status === "skipped").length;
  const draftWords = countWords(session.turn.draft.map((message) => message.text).join("\n"));
  return [
    `You're on ${questionLabel(session, session.currentIndex)}.`,
    `${answered} answered, ${skipped} skipped.`,
    `Follow-ups used: ${session.probesUsed} of ${probeLimitOf(session.options)}.`,
    draftWords > 0 ? `Your current answer has about ${draftWords} words, not yet submitted.` : "",
    session.pausedAt !== null ? "The interview is paused." : "",
  ]
    .filter(Boolean)
    .join(" ");
}

/** One line per past interview, newest first, for `/interview history`. */
export function historyText(sessions: readonly Session[]): string {
  if (sessions.length === 0)
    return "You haven't taken an interview here yet. Start one with /interview start.";
  const lines = sessions.map((session) => {
    const date = new Date(session.createdAt).toISOString().slice(0, 10);
    const what = `${session.options.role} at ${session.options.company} (${session.options.stage} round)`;
    return `• ${date}: ${what}: ${historyOutcome(session)}`;
  });
  return `Your interviews here, newest first:\n${lines.join("\n")}`;
}

function historyOutcome(session: Session): string {
  if (session.phase !== "finished") return "in progress";
  const report = session.report;
  if (!report) return "finished, no report";
  if (report.overallScore === null || report.band === null) return "finished, not scorable";
  return `${report.overallScore}/100 (${BAND_LABELS[report.band]}), ${report.scorableAnswers} answer${report.scorableAnswers === 1 ? "" : "s"} scored`;
}
