import { phraseList, wordList } from "./text-match.ts";

/**
 * The few cues the story reader still needs beyond grammar. Verbs are lemmas (the model's
 * dictionary forms), so "reduced", "reduces" and "reducing" are all "reduce". The same cues are
 * described in prompts/rubric.md.
 */

/** Verbs whose completion is an outcome: a change, a success, a decision by someone else. */
export const OUTCOME_LEMMAS = new Set(
  wordList(`reduce increase cut save improve grow double halve triple quadruple drop fall rise boost lower
  shorten exceed achieve win secure retain recover avoid sign pass promote hire finish complete
  hit meet beat stop resolve solve settle become receive thank praise adopt approve award offer raise earn
  gain attract convert close return succeed go come end stay clear rank recommend renew extend
  accept choose select graduate qualify shrink disappear vanish halt prevent
  restore reach top surpass outperform generate`),
);

/** Verbs in the passive that are outcomes for the candidate: "I was promoted", "I was asked to train". */
export const RECOGNITION_LEMMAS = new Set(
  wordList(`promote offer ask invite give award thank praise recognise recognize nominate choose select hire
  trust keep extend mention credit pick put place send shortlist move pay rate score grade`),
);

/** Phrases that introduce an outcome however it is worded. */
export const RESULT_CONNECTIVES = phraseList(`
  as a result | the result was | the result is | the results were | resulted in | which meant | this meant |
  that meant | it meant | the outcome | in the end | ended up | by the end | led to | on time | ahead of schedule |
  under budget | on budget | since then | the feedback was | which helped | that helped | it worked | this worked |
  it paid off | instead of | compared to | compared with | down from | up from | eventually | finally | afterwards |
  from then on | thanks to | because of this | because of that | the upshot | got through | pulled it off |
  well done | great job | good job | said thanks | said thank you | was impressed | were impressed |
  was pleased | were pleased | positive feedback | good feedback | great feedback`);

/** "got four interviews and two offers": getting counts as an outcome when what was got is one. */
export const GOT_OUTCOMES = new Set(
  wordList(`offer job place placement promotion grade distinction first award prize interview contract funding
  score mark result feedback approval sign-off signoff deal client customer order raise bonus role position
  certificate qualification pass merit thanks praise recognition compliment review rating`),
);

/** A reflection: what the candidate learned or would do differently. */
export const REFLECTION_CUES = phraseList(`
  i learned | i learnt | i've learned | i have learned | i've learnt | taught me | the lesson | lesson i |
  next time | do differently | done differently | in hindsight | looking back | i realised | i realized |
  now i always | since then i | i now | i would now | what i took | takeaway | i'd do | i would do |
  made me realise | made me realize | showed me | i take from`);

/** Context: when, where, in what role. Prepositions and subordinators are read from the tags. */
export const SITUATION_OPENERS = new Set(
  wordList("in at during while when whilst on as last back over after before"),
);
/** A year ("in 2021") or a "Situation:" label also sets the scene. */
export const SITUATION_LABEL = /^\W*(?:situation|context|background|setting)\s*[:-]/u;
export const TASK_LABEL = /^\W*(?:task|goal|objective|challenge|aim|problem)\s*[:-]/u;
export const ACTION_LABEL = /^\W*(?:action|actions|what i did)\s*[:-]/u;
export const RESULT_LABEL = /^\W*(?:result|results|outcome|impact)\s*[:-]/u;

/** The candidate's goal or responsibility, when it is named rather than said with "had to". */
export const TASK_CUES = phraseList(`
  my goal | my task | my job was | my job is | my responsibility | my aim | my objective | my role was |
  my brief was | my remit | i was responsible | i was in charge | i was asked to | i was tasked | it was my job |
  it was my responsibility | it fell to me | it was up to me | the goal was | the aim was | the objective was |
  the task was | the challenge was | the problem was | our goal | our aim | our target | the target was |
  the brief was | needed to be | had to be | responsible for | in charge of | i was given | asked me to |
  my part was | my part in | my role in | it wasn't my job | it was not my job | wasn't my job |
  asked if i could | asked whether i could | asked the manager if i could | asked my manager if i could |
  told me to | wanted me to | needed me to | tasked me with | brought me in to | asked me if i could`);

/** Irregular or short action verbs; only the manipulation check's "is this a sentence" still uses them. */
export const ACTION_VERBS = new Set(
  wordList(`
  built brought bought began chose cut dealt drew drove found fought gave got went held kept led left made met
  paid put ran rang read rebuilt rewrote sat sent set shut sought sold spent spoke split stood struck taught told
  took threw won wrote ask call build run lead meet speak write take make talk decide organise organize create
  review check`),
);

/** "-ed" words that describe feelings or states, not actions. */
export const NON_ACTION_ED = new Set(
  wordList(`
  wanted needed liked loved hoped hated seemed supposed guessed believed noticed realised realized worried wondered
  assumed expected enjoyed preferred imagined learned struggled panicked failed tired bored interested excited
  concerned involved missed based feared doubted regretted appreciated considered ended joined wished need speed
  shed bed red embarrassed felt`),
);
