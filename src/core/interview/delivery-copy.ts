import type { DeliveryMeasures } from "../model/voice.ts";
import { formatDuration } from "./copy.ts";

/**
 * The words of the delivery tips: one concrete thing to change, with the candidate's own figures.
 * Which tip is chosen, and why, is in delivery-measures.ts and docs/voice.md.
 */

/** The pace every pace tip aims at: the middle of the 120-160 words a minute of clear conversation. */
export const AIM_WORDS_PER_MINUTE = 140;

export const DELIVERY_TIPS = {
  tooFast: (wpm: number) =>
    `You spoke at ${wpm} words a minute; aim for about ${AIM_WORDS_PER_MINUTE}. Take a breath at the end of each sentence: it slows you down and gives the panel time to note your point.`,
  tooSlow: (wpm: number) =>
    `You spoke at ${wpm} words a minute; aim for about ${AIM_WORDS_PER_MINUTE}. Settle your story's steps before you start, so you are not searching for the next one mid-sentence.`,
  heavyFillers: (filler: string | null, times: number, per100: number) =>
    filler
      ? `You said "${filler}" ${timesWord(times)} (${per100} fillers per 100 words in all). When you need a moment, pause instead: a short silence sounds more composed than a filler.`
      : `You used ${per100} fillers per 100 words. When you need a moment, pause instead: a short silence sounds more composed than a filler.`,
  longPauses: (count: number, longestSeconds: number) =>
    `You stopped for more than 2 seconds ${timesWord(count)}, the longest for ${longestSeconds} s. Before you start, choose your story and its result; then a pause to think is a breath, not a silence.`,
  situationHeavy: (situation: number, action: number) =>
    `Your story spent ${percent(situation)} of its time on the situation and ${percent(action)} on what you did. Set the scene in a sentence or two, then spend most of the time on your actions.`,
  tooLong: (seconds: number, aim: string) =>
    `This answer ran ${formatDuration(Math.round(seconds))}; ${aim}. Keep what you did and how it turned out, and cut the rest of the background.`,
  tooShort: (seconds: number, aim: string, story: boolean) =>
    `This answer took ${formatDuration(Math.round(seconds))}; ${aim}. ${story ? "Say what you did, step by step, and how it turned out." : "Add a reason and an example."}`,
  good: (wpm: number, per100: number, longPauses: number, actionShare: number | null) =>
    `Clear delivery: ${wpm} words a minute, ${per100} fillers per 100 words and ${pausesWord(longPauses)}.${actionShare === null ? "" : ` Most of the story was about what you did (action ${percent(actionShare)}).`} Keep it that way.`,
  summaryGood: (answers: number, wpm: number, per100: number, longPauses: number) =>
    `Across your ${answers === 1 ? "spoken answer" : `${answers} spoken answers`}: ${wpm} words a minute, ${per100} fillers per 100 words and ${pausesWord(longPauses)}. A steady delivery; each answer's note has one thing to try.`,
} as const;

/** "aim for about 1-2.5 minutes" for a band's ideal length spoken, in seconds. */
export function spokenAim(minSeconds: number, maxSeconds: number): string {
  const from = spokenLength(minSeconds);
  const to = spokenLength(maxSeconds);
  const range =
    from.unit === to.unit ? `${from.amount}-${to.amount} ${to.unit}` : `${from.text} to ${to.text}`;
  return `aim for about ${range}`;
}

/** Seconds as a speaker thinks of them: to the quarter minute below a minute, the half minute above. */
function spokenLength(seconds: number): { amount: number; unit: string; text: string } {
  if (seconds < 60) {
    const amount = Math.max(15, Math.round(seconds / 15) * 15);
    return { amount, unit: "seconds", text: `${amount} seconds` };
  }
  const amount = Math.round(seconds / 30) / 2;
  return { amount, unit: "minutes", text: amount === 1 ? "1 minute" : `${amount} minutes` };
}

/** "situation 45% · action 30% · result 10%": the STAR parts that were found, in STAR order. */
export function starShareLine(share: Record<"situation" | "task" | "action" | "result", number>): string {
  return (["situation", "task", "action", "result"] as const)
    .filter((part) => share[part] > 0)
    .map((part) => `${part} ${percent(share[part])}`)
    .join(" · ");
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function timesWord(count: number): string {
  return count === 1 ? "once" : count === 2 ? "twice" : `${count} times`;
}

function pausesWord(count: number): string {
  return count === 0 ? "no long pauses" : count === 1 ? "1 long pause" : `${count} long pauses`;
}

/**
 * One spoken answer in a line: "150 words a minute · 2.1 fillers per 100 words (mostly "um") · 1
 * long pause · situation 45% · action 30% · result 10%".
 */
export function deliveryNote(delivery: DeliveryMeasures): string {
  const [top] = delivery.topFillers;
  const fillers = `${delivery.fillersPer100Words} fillers per 100 words${top ? ` (mostly "${top[0]}")` : ""}`;
  const pauses =
    delivery.longPauses === 0
      ? "no long pauses"
      : `${delivery.longPauses === 1 ? "1 long pause" : `${delivery.longPauses} long pauses`} (longest ${delivery.longestPauseSeconds} s)`;
  const parts = [
    `${formatDuration(Math.round(delivery.speakingSeconds))} spoken`,
    `${delivery.wordsPerMinute} words a minute`,
    fillers,
    pauses,
  ];
  if (delivery.starShare) parts.push(starShareLine(delivery.starShare));
  return parts.join(" · ");
}
