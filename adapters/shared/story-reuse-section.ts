import { competencyList } from "../../src/core/interview/story-reuse-report.ts";
import { COMPETENCY_LABELS } from "../../src/core/model/interview-vocabulary.ts";
import type { Report } from "../../src/core/model/report.ts";

// The shapes of report-sections.ts's blocks, fields and sections, written out here because that
// module lists this section among its own (importing its types back would make a cycle).
type Block = { readonly kind: "text" | "quote"; readonly text: string };
type Field = { readonly label: string; readonly blocks: readonly Block[] };
type StoryReuseSection = {
  readonly kind: "story-reuse";
  readonly title: string;
  readonly intro: readonly Block[];
  readonly fields: readonly Field[];
  readonly note: null;
};

/**
 * "One story, several competencies": each story the candidate told for more than one competency,
 * with a sentence of each telling verbatim so they recognise it. A panel hearing one story twice
 * wonders whether there is a second; the advice is a distinct story per competency.
 */
export function storyReuseSection(report: Report): StoryReuseSection[] {
  const reuse = report.storyReuse ?? [];
  if (reuse.length === 0) return [];
  const fields: Field[] = reuse.map((story) => ({
    label: `The same story for ${competencyList(story)}`,
    blocks: [
      ...story.tellings.flatMap((telling): Block[] => {
        const position = report.questions.findIndex((question) => question.questionId === telling.questionId);
        const heading: Block = {
          kind: "text",
          text: `Question ${position + 1} (${COMPETENCY_LABELS[telling.competency]}):`,
        };
        return telling.quote ? [heading, { kind: "quote", text: telling.quote }] : [heading];
      }),
      {
        kind: "text",
        text: "A panel that hears one story twice wonders whether you have another. Prepare a different story for each competency: your story bank shows which have none yet.",
      },
    ],
  }));
  return [{ kind: "story-reuse", title: "One story, several competencies", intro: [], fields, note: null }];
}
