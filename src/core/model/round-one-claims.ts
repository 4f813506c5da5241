/**
 * Whether a question talks as if the interviewer remembers round 1 ("the setback you mentioned in
 * the first round", "last time you described…"). Only a round-1 log makes that true; without one
 * such a question invents a conversation the candidate never had.
 */
const EARLIER_ROUND =
  /\b(?:first|1st|previous|earlier|last|other|round[- ]?(?:1|one))\s+(?:round|interview|conversation|meeting|chat|call|stage)\b|\blast time\b|\bround[- ]?(?:1|one)\b|\bpreviously\b|\bearlier\b/iu;
const YOU_SAID =
  /\byou(?:'ve)?\s+(?:mentioned|said|described|told|talked|spoke|shared|brought up|gave|raised|discussed|referred)\b|\byour (?:answer|example|story|notes)\b|\bas you (?:put it|said)\b/iu;

export function claimsRoundOneMemory(text: string): boolean {
  return EARLIER_ROUND.test(text) && YOU_SAID.test(text);
}
