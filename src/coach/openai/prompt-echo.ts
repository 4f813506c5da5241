/**
 * Whether a model's reply repeats its own instructions: a run of words from the system prompt
 * (the role, the data rules, the rubric) that the candidate did not write themselves. A reply
 * that leaks the prompt is not shown, whatever else it says. Eight words in a row is long enough
 * that ordinary phrasing ("what you did and what changed") does not trip it.
 */

const RUN = 8;

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function runs(text: string): Set<string> {
  const list = words(text);
  const found = new Set<string>();
  for (let index = 0; index + RUN <= list.length; index += 1)
    found.add(list.slice(index, index + RUN).join(" "));
  return found;
}

export function echoesPrompt(reply: string, prompt: string, candidateText: string): boolean {
  const own = runs(candidateText);
  const instructions = runs(prompt);
  for (const run of runs(reply)) if (instructions.has(run) && !own.has(run)) return true;
  return false;
}
