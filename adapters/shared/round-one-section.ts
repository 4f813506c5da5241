import type { Report } from "../../src/core/model/report.ts";
import { CONSISTENCY_KIND_LABELS } from "../../src/core/model/round-one-consistency.ts";

// The shapes of report-sections.ts's blocks, fields and sections, written out here because that
// module lists this section among its own (importing its types back would make a cycle).
type Block = { readonly kind: "text" | "quote"; readonly text: string };
type Field = { readonly label: string; readonly blocks: readonly Block[] };
type RoundOneSection = {
  readonly kind: "round-one";
  readonly title: string;
  readonly intro: readonly Block[];
  readonly fields: readonly Field[];
  readonly note: null;
};

/**
 * "Round 1 consistency", for an interview built on a round-1 log: each contradiction with both
 * sentences verbatim (the notes, then the answer), worded as a question to settle rather than a
 * verdict, since the coach cannot know which one is right. None without a log.
 */
export function roundOneSection(report: Report): RoundOneSection[] {
  const roundOne = report.roundOne;
  if (!roundOne) return [];
  const built = `Built on your round-1 log${roundOne.date ? ` (${roundOne.date})` : ""}: ${roundOne.revisited} of its ${roundOne.logged} questions revisited.`;
  const intro: Block[] = [{ kind: "text", text: built }];
  if (roundOne.findings.length === 0) {
    intro.push({
      kind: "text",
      text: "Your answers matched your round-1 notes: no contradicting numbers, dates, roles or outcomes found.",
    });
  }
  const fields: Field[] = roundOne.findings.map((finding) => {
    const position = report.questions.findIndex((question) => question.questionId === finding.questionId);
    return {
      label: `Question ${position + 1}: ${CONSISTENCY_KIND_LABELS[finding.kind]} differs from your round-1 notes`,
      blocks: [
        { kind: "text", text: "Round-1 notes:" },
        { kind: "quote", text: finding.roundOneQuote },
        { kind: "text", text: "This answer:" },
        { kind: "quote", text: finding.answerQuote },
        {
          kind: "text",
          text: `${capitalise(finding.detail)}. Which is right? An interviewer who heard both would ask, so tell the story the same way each time.`,
        },
      ],
    };
  });
  return [{ kind: "round-one", title: "Round 1 consistency", intro, fields, note: null }];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
