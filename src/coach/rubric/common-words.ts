import { wordList } from "./text-match.ts";

/**
 * Everyday English words. Real answers are roughly 40% words like these; keyboard mashing and
 * placeholder Latin are close to 0%. Used only to tell language from noise (junk-detection.ts).
 */
export const COMMON_WORDS = new Set(
  wordList(`
  a about above after again against all also always am an and another any are around as ask asked at away back
  be became because been before being below best better between big both but by came can can't could day did
  didn't different do does doesn't doing don't done down during each early end enough even every everyone first
  for found from get getting give go going good got great had has have having he her here him his how however i
  i'd i'll i'm i've if in into is isn't it it's its job just keep know last later least less let like little long
  look lot made make many may me meant more most much must my need needed never new next no not now of off often
  old on once one only or other our out over own part people person put quite rather really right said same saw
  say see should show since so some something soon still such sure take team than that that's the their them
  then there there's these they thing things think this those though through time to together too took two under
  until up us use used very want wanted was wasn't way we we'd we're we've well went were weren't what when where
  whether which while who whole why will with within without work worked working would year years yes yet you
  your three four five six seven eight nine ten first second third week weeks month months hour hours days
  people manager colleague colleagues customer customers client clients project problem plan role company
  happy help helped idea issue meeting reason result start started thing told understand decided business`),
);

/** English word endings: a word ending like this is almost certainly a word, not noise. */
export const ENGLISH_SUFFIX =
  /(?:ed|ing|ly|tion|sion|ment|ness|able|ible|ful|less|ship|ity|ise|ize|ised|ized)$/u;

/** Letters in keyboard order; three or more in a row ("asdf", "qwer", "jkl") are mashing. */
export const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890"];
