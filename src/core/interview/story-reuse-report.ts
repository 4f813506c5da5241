import { COMPETENCY_LABELS, type Competency } from "../model/interview-vocabulary.ts";
import type { ReportQuestion } from "../model/report.ts";
import { isSameStory } from "../model/same-story.ts";
import type { StoryReuse } from "../model/story-reuse.ts";

/**
 * Stories told for more than one competency in this interview. Answers are grouped by their story
 * marks (same-story.ts), joining a group when they match any answer already in it, so a story
 * retold three times is one finding. A group counts only when its answers were asked for different
 * competencies: telling one story twice for the same competency is a different problem.
 */
export function storyReuseReport(questions: readonly ReportQuestion[]): { storyReuse?: StoryReuse[] } {
  const told = questions.flatMap((question) => {
    const marks = question.evaluation?.scorable ? (question.evaluation.storyMarks ?? []) : [];
    return question.status === "answered" && question.competency !== null && marks.length > 0
      ? [{ question, competency: question.competency, marks }]
      : [];
  });
  const groups: (typeof told)[] = [];
  for (const telling of told) {
    const group = groups.find((members) =>
      members.some((member) => isSameStory(member.marks, telling.marks)),
    );
    if (group) group.push(telling);
    else groups.push([telling]);
  }
  const reuse = groups
    .filter((group) => new Set(group.map((telling) => telling.competency)).size > 1)
    .map((group) => ({
      tellings: group.map(({ question, competency }) => ({
        questionId: question.questionId,
        competency,
        quote: tellingQuote(question),
      })),
    }));
  return reuse.length > 0 ? { storyReuse: reuse } : {};
}

/** The sentence that sets the scene, else the first quote the coach cited; both verbatim. */
function tellingQuote(question: ReportQuestion): string | null {
  const evaluation = question.evaluation;
  return evaluation?.star.situation.evidence ?? evaluation?.evidence[0]?.quote ?? null;
}

/** "Conflict and Leadership", for the report's wording. */
export function competencyList(reuse: StoryReuse): string {
  return competencyNames([...new Set(reuse.tellings.map((telling) => telling.competency))]);
}

/** Competencies as words: "Leadership", "Conflict and Leadership", "Failure, Conflict and Leadership". */
export function competencyNames(competencies: readonly Competency[]): string {
  const labels = competencies.map((competency) => COMPETENCY_LABELS[competency]);
  return labels.length <= 1
    ? (labels[0] ?? "")
    : `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}
