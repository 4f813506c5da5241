/** One word or symbol of an answer, as the English model read it. */
export interface Token {
  /** As written (in the analysis copy). */
  readonly text: string;
  readonly lower: string;
  /** Dictionary form: "rewrote" → "rewrite", "complaints" → "complaint". */
  readonly lemma: string;
  /** Universal part-of-speech tag: PRON, VERB, AUX, NOUN, PROPN, NUM, ADJ, ADV, ADP, PART, ... */
  readonly pos: string;
  /** Inside the scope of a negation ("didn't give up"). */
  readonly negated: boolean;
  /** The entity this token belongs to: CARDINAL, PERCENT, MONEY, DURATION, DATE, TIME, ORDINAL, ... */
  readonly entity: string | null;
  /** Offsets in the analysis copy. */
  readonly start: number;
  readonly end: number;
}
