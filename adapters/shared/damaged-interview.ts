/**
 * Said in an interview's thread when its stored state cannot be read (SessionCorruptError): it cannot
 * go on, and nothing of it blocks a new start.
 */
export const DAMAGED_INTERVIEW_TEXT =
  "Sorry, I can't read this interview's saved state any more (it was damaged on my side), so it can't continue. Start a new one with /interview start; your other interviews are not affected.";
