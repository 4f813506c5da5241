import { preparationAdvice } from "../../src/core/interview/preparation-copy.ts";
import { PREPARATION_LABELS } from "../../src/core/model/preparation.ts";
import type { Report } from "../../src/core/model/report.ts";

// The shapes of report-sections.ts's blocks, fields and sections, written out here because that
// module lists this section among its own (importing its types back would make a cycle).
type Block = { readonly kind: "text" | "quote"; readonly text: string };
type Field = { readonly label: string; readonly blocks: readonly Block[] };
type PreparationSection = {
  readonly kind: "preparation";
  readonly title: string;
  readonly intro: readonly Block[];
  readonly fields: readonly Field[];
  readonly note: null;
};

/**
 * "Preparation", for a second or final round: each item of the checklist the interview opened with,
 * shown (with the candidate's words, verbatim, and the question they answered) or not shown (with
 * what to prepare). None in a first round.
 */
export function preparationSection(report: Report): PreparationSection[] {
  const preparation = report.preparation;
  if (!preparation) return [];
  const shown = preparation.checks.filter((check) => check.shown).length;
  const intro: Block[] = [
    {
      kind: "text",
      text: `Your answers showed ${shown} of the ${preparation.checks.length} things to have ready for this round.`,
    },
  ];
  const fields: Field[] = preparation.checks.map((check) => {
    const label = `${PREPARATION_LABELS[check.item]}: ${check.shown ? "shown" : "not shown"}`;
    if (!check.shown || check.quote === null) {
      return { label, blocks: [{ kind: "text", text: preparationAdvice(check, report.company) }] };
    }
    const position = report.questions.findIndex((question) => question.questionId === check.questionId);
    const where = position >= 0 ? `Question ${position + 1}:` : "Your questions for us:";
    return {
      label,
      blocks: [
        { kind: "text", text: where },
        { kind: "quote", text: check.quote },
      ],
    };
  });
  return [{ kind: "preparation", title: "Preparation", intro, fields, note: null }];
}
