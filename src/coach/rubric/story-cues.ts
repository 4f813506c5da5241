import { phraseList, wordList } from "./text-match.ts";

/**
 * Word lists for the STAR story detectors. Phrases are matched as whole words on lower-cased
 * text. They are deliberately plain English: the same cues are described in prompts/rubric.md.
 */

/** Context: when, where, in what role. */
export const SITUATION_CUES = phraseList(`
  when i was | while i was | when i worked | when i joined | when i started | i was working | i worked as |
  i was a | i was an | i was the | i had just joined | at the time | in my previous | in my last | in my current |
  in my first | in my old | in my role | at my last | at my previous | at my current | at my old | a few years ago |
  a couple of years ago | years ago | months ago | last year | last summer | last winter | back in |
  the situation was | the context was | the background | we were facing | our team was | my team was | during my |
  working at | working for | worked at | worked for | while working`);
/** A year ("in 2021", "during early 2019") or a "Situation:" label also sets the scene. */
export const SITUATION_PATTERN =
  /(?<![\p{L}\p{N}])(?:in|during|around) (?:early |late |mid-?)?(?:19|20)\d{2}\b|^\W*(?:situation|context|background)\s*[:-]/u;
/** Candidates who structure answers with labels ("Task: …") mark the task themselves. */
export const TASK_PATTERN = /^\W*(?:task|goal|objective|challenge)\s*[:-]/u;

/** The candidate's goal or responsibility. */
export const TASK_CUES = phraseList(`
  my goal | my task | my job was | my job is | my responsibility | my aim | my objective | my role was |
  my brief was | i was responsible | i was in charge | i was asked to | i was tasked | i had to | i needed to |
  i wanted to | i was brought in | i had been asked | i volunteered to | it was my job | it was my responsibility |
  it fell to me | it was up to me | the goal was | the aim was | the objective was | the task was |
  the challenge was | the problem was | we needed to | we had to | needed to be`);

/** Outcome phrases. Change verbs are matched separately so background ("had risen") is skipped. */
export const RESULT_PHRASES = phraseList(`
  as a result | the result was | the result is | the results were | resulted in | which meant | this meant |
  that meant | it meant | the outcome | in the end | ended up | by the end | led to | went from | on time |
  ahead of schedule | under budget | on budget | i learned | i learnt | i've learned | taught me | the lesson |
  since then | now i always | going forward | next time | the feedback was | was promoted | got promoted |
  went down | went up | came down | which helped | that helped | it worked | this worked | it paid off`);
export const RESULT_VERBS = wordList(`
  cut reduced increased saved delivered improved grew doubled halved tripled dropped fell rose boosted lowered
  shortened exceeded achieved won secured retained recovered avoided`);

/** Words that may sit between "I" and the verb: "I then set up", "I quickly called". */
export const SKIPPABLE_BEFORE_VERB = new Set(
  wordList("then also first personally immediately just have had"),
);

/** Irregular or short action verbs the "-ed" rule would miss (and a few narrative presents). */
export const ACTION_VERBS = new Set(
  wordList(`
  built brought bought began chose cut dealt drew drove found fought gave got went held kept led left made met
  paid put ran rang read rebuilt rewrote sat sent set shut sought sold spent spoke split stood struck taught told
  took threw won wrote ask call build run lead meet speak write take make talk decide organise organize create
  review check`),
);

/** "-ed" words after "I" that describe feelings or states, not actions. */
export const NON_ACTION_ED = new Set(
  wordList(`
  wanted needed liked loved hoped hated seemed supposed guessed believed noticed realised realized worried wondered
  assumed expected enjoyed preferred imagined learned struggled panicked failed tired bored interested excited
  concerned involved missed based feared doubted regretted appreciated considered ended joined wished need speed
  shed bed red embarrassed felt`),
);

export const I_FORMS = new Set(["i", "i've", "i'd"]);
export const WE_FORMS = new Set(["we", "we've", "we'd"]);
