import model from "wink-eng-lite-web-model";
import winkNLP, { type WinkMethods } from "wink-nlp";

/**
 * wink-nlp with its English "lite" model, which ships inside its npm package (no download at run
 * time): sentence boundaries, part-of-speech tags, lemmas, entities (numbers, durations, money,
 * dates) and negation. Loaded on first use, so commands that never judge an answer never pay for it.
 */

let instance: WinkMethods | undefined;

export function englishModel(): WinkMethods {
  instance ??= winkNLP(model, ["sbd", "pos", "ner", "negation"]);
  return instance;
}
