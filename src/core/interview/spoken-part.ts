import type { DraftMessage } from "../model/session.ts";
import { capLongPauses, fitSpans, type Span, topFillersOf } from "../model/spoken-timing-lists.ts";
import type { SpokenTiming } from "../model/voice.ts";

/**
 * The timing of one answer part from the timings of its spoken messages. The part's text is its
 * messages joined by newlines (buildPart), so each message's spans move by where the message
 * starts in that text; their times move by the spoken time before them, so the part's spans read
 * as one recording. Typed messages add text but no time. Undefined when nothing was spoken.
 */
export function spokenTimingOfPart(messages: readonly DraftMessage[]): SpokenTiming | undefined {
  if (!messages.some((message) => message.spoken)) return undefined;
  let offset = 0;
  let spokenBefore = 0;
  const timing: SpokenTiming = {
    durationMs: 0,
    speakingMs: 0,
    words: 0,
    fillers: 0,
    topFillers: [],
    hedges: 0,
    longPauses: [],
    spans: [],
  };
  const spans: Span[] = [];
  const longPauses: number[] = [];
  const fillerLists: SpokenTiming["topFillers"][] = [];
  for (const message of messages) {
    const spoken = message.spoken;
    if (spoken) {
      timing.durationMs += spoken.durationMs;
      timing.speakingMs += spoken.speakingMs;
      timing.words += spoken.words;
      timing.fillers += spoken.fillers;
      timing.hedges += spoken.hedges;
      fillerLists.push(spoken.topFillers);
      longPauses.push(...spoken.longPauses);
      spans.push(...rebased(spoken.spans, message.text.length, offset, spokenBefore));
      spokenBefore += spoken.durationMs;
    }
    offset += message.text.length + 1;
  }
  return {
    ...timing,
    topFillers: topFillersOf(fillerLists),
    longPauses: capLongPauses(longPauses),
    spans: fitSpans(spans),
  };
}

/**
 * A message's spans in the part's text and time. A span reaching past the message's own text (the
 * text was changed after it was timed) is cut to it, and one left empty is dropped, so a span
 * never points into the next message.
 */
function rebased(spans: readonly Span[], length: number, offset: number, before: number): Span[] {
  return spans.flatMap(([charStart, charEnd, startMs, endMs]): Span[] => {
    const end = Math.min(charEnd, length);
    if (end <= charStart) return [];
    return [[charStart + offset, end + offset, startMs + before, endMs + before]];
  });
}
