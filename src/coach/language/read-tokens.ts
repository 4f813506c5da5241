import type { ItemEntity, ItemSentence } from "wink-nlp";
import { englishModel } from "./english-model.ts";
import type { Token } from "./tokens.ts";

/**
 * Runs the English model over a text and returns its tokens with offsets, and the token ranges of
 * the sentences it found. A line break always ends a sentence: answers typed in chat use lines
 * as sentences ("Situation: …" on its own line) more often than full stops.
 */

export interface ReadText {
  readonly tokens: readonly Token[];
  /** [first, last] token indexes of each sentence, in order. */
  readonly sentences: readonly (readonly [number, number])[];
}

export function readTokens(text: string): ReadText {
  const nlp = englishModel();
  const its = nlp.its as unknown as Record<string, never>;
  const doc = nlp.readDoc(text);
  const column = <T>(name: string) => doc.tokens().out(its[name] as never) as unknown as T[];
  const values = column<string>("value");
  const spaces = column<string>("precedingSpaces");
  const pos = column<string>("pos");
  const lemmas = column<string>("lemma");
  const negations = column<boolean>("negationFlag");
  const entities = new Array<string | null>(values.length).fill(null);
  doc.entities().each((entity: ItemEntity) => {
    const [from, to] = entity.out(its.span as never) as unknown as [number, number];
    const type = entity.out(its.type as never) as unknown as string;
    for (let i = from; i <= to; i += 1) entities[i] = type;
  });

  const tokens: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? "";
    cursor += (spaces[i] ?? "").length;
    // The model reproduces its input exactly; searching covers any token it normalised.
    let start = text.startsWith(value, cursor) ? cursor : text.indexOf(value, cursor);
    if (start < 0) start = cursor;
    const end = Math.min(text.length, start + value.length);
    cursor = end;
    tokens.push({
      text: value,
      lower: value.toLowerCase(),
      lemma: (lemmas[i] ?? value).toLowerCase(),
      pos: pos[i] ?? "X",
      negated: negations[i] === true,
      entity: entities[i] ?? null,
      start,
      end,
    });
  }

  const sentences: [number, number][] = [];
  doc.sentences().each((sentence: ItemSentence) => {
    const [from, to] = sentence.out(its.span as never) as unknown as [number, number];
    let first = from;
    for (let i = from; i <= to; i += 1) {
      const token = tokens[i];
      if (token?.pos === "SPACE" && token.text.includes("\n")) {
        if (i > first) sentences.push([first, i - 1]);
        first = i + 1;
      }
    }
    if (first <= to) sentences.push([first, to]);
  });
  return { tokens, sentences };
}
