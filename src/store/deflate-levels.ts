/**
 * The deflate levels fields are written with, shared with make-dictionaries.ts so a dictionary is
 * chosen for the level it is used at.
 *
 * Answers: 6 rather than 1. With a 32 KB dictionary an answer comes out about a tenth smaller for
 * some 15 µs more per write, and an answer is written once or twice.
 */
export const ANSWER_DEFLATE_LEVEL = 6;
/** `core`: 1, the fastest, since it is written on every event (with a 4 KB dictionary, ~20 µs). */
export const CORE_DEFLATE_LEVEL = 1;
