import type { RoundOneReport } from "../model/round-one-consistency.ts";
import type { Session } from "../model/session.ts";

/**
 * The report's round-1 part when the interview was built on a log: how much of it was revisited,
 * and every contradiction the revisit answers' evaluations found, in question order. Absent without
 * a log, so a report never mentions a round 1 nobody recorded.
 */
export function roundOneReport(session: Session): { roundOne?: RoundOneReport } {
  const log = session.documents?.roundOne;
  if (!log) return {};
  const revisits = session.questions.filter((question) => question.revisits !== undefined);
  const findings = revisits.flatMap((question) => {
    const answer = session.answers.find((candidate) => candidate.questionId === question.id);
    return (answer?.evaluation?.consistency ?? []).map((finding) => ({
      ...finding,
      questionId: question.id,
      questionText: question.text,
    }));
  });
  return {
    roundOne: { date: log.date, logged: log.entries.length, revisited: revisits.length, findings },
  };
}
