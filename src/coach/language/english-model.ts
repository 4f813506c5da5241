import model from "wink-eng-lite-web-model";
import winkNLP, { type WinkMethods } from "wink-nlp";

/**
 * wink-nlp with its English "lite" model, which ships inside its npm package (no download at run
 * time): sentence boundaries, part-of-speech tags, lemmas, entities (numbers, durations, money,
 * dates) and negation. Loaded on first use, so commands that never judge an answer never pay for it.
 */

let instance: WinkMethods | undefined;
/** Ids below this are the model's own vocabulary; words it has never seen are numbered after it. */
let vocabularySize = 0;

export function englishModel(): WinkMethods {
  if (!instance) {
    instance = winkNLP(model, ["sbd", "pos", "ner", "negation"]);
    // Read before any other text: the first unknown word gets the first id after the vocabulary.
    vocabularySize = uniqueIdOf(instance, "qzxqjv");
  }
  return instance;
}

/**
 * Whether the model knows the word as written ("mapping", "afterwards"), as opposed to a word it
 * has never seen, such as most names of people and companies ("tesco", "priya"). Case matters:
 * pass a sentence's first word in lower case to ask whether it is an ordinary word.
 */
export function isKnownWord(word: string): boolean {
  const nlp = englishModel();
  return uniqueIdOf(nlp, word) < vocabularySize;
}

function uniqueIdOf(nlp: WinkMethods, word: string): number {
  const its = nlp.its as unknown as Record<string, never>;
  const tokens = nlp.readDoc(word).tokens();
  if (tokens.length() !== 1) return Number.POSITIVE_INFINITY;
  return tokens.itemAt(0).out(its.uniqueId as never) as unknown as number;
}
