/**
 * The deflate level answers are written with, shared with make-dictionaries.ts so a dictionary is
 * chosen for the level it is used at. 6 rather than 1: with a 32 KB dictionary an answer comes out
 * about a tenth smaller for some 15 µs more per write (an answer is written once or twice).
 */
export const ANSWER_DEFLATE_LEVEL = 6;
