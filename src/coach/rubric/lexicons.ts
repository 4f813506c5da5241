import { phraseList, wordList } from "./text-match.ts";

/** Word lists for delivery, specificity and manipulation checks (see prompts/rubric.md). */

/** Rubric vocabulary: the words someone gaming a keyword-matcher would paste in. */
export const BUZZWORDS = new Set(
  wordList(`
  situation task action result results star leadership leader teamwork synergy synergies ownership stakeholder
  stakeholders impact impactful proactive proactively passionate passion quantified quantifiable measurable
  initiative collaboration collaborative communication resilience resilient outcome outcomes excellence kpi kpis
  roi deliverables leverage empowerment innovation innovative strategic growth mindset agile dynamic motivated
  driven hardworking efficiency accountability integrity transparency problem-solving detail-oriented`),
);

/** Whole answers that are a refusal or a shrug rather than an answer. */
export const NON_ANSWERS = new Set(
  phraseList(`
  fine | idk | dunno | yes | no | yeah | yep | nope | next | pass | skip | ok | okay | nothing | n/a | na | none |
  sure | maybe | whatever | good | great | hi | hello | test | no comment | not sure | i don't know | don't know |
  no idea | can't remember | i'm good | no thanks | i'm fine | it was fine | all good | no i'm good`),
);

/** Tools and products, counted as named detail even when typed in lower case. */
export const TOOLS = new Set(
  wordList(`
  excel jira salesforce sql python slack trello zendesk tableau sap hubspot asana notion figma confluence github
  gitlab aws azure sharepoint looker powerpoint outlook servicenow xero sage workday kubernetes docker react
  javascript typescript java kotlin swift mailchimp shopify wordpress airtable monday.com miro`),
);

/** Concrete nouns: things you can point at. Plural "s" is stripped before lookup. */
export const CONCRETE_NOUNS = new Set(
  wordList(`
  backlog rota roster ticket budget spreadsheet dashboard report process handbook audit contract supplier invoice
  warehouse tenant patient student survey pilot workshop training system database website app release launch
  campaign proposal policy schedule deadline meeting presentation forecast pipeline checklist template script
  roadmap prototype deployment migration tender bid shift ward classroom store branch customer client complaint
  order call email newsletter standup stand-up review retrospective rollout course module exam event`),
);

/** Case-sensitive: "May" the month, not "may" the hedge. */
export const DATE_PATTERN =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Q[1-4]|(?:19|20)\d{2})\b/gu;
export const TIME_SPAN_PHRASES = phraseList(`
  last year | this year | next year | last month | this month | last week | next week | last quarter |
  this quarter | each week | every week | every day | each day | every month | quarterly | weekly | daily |
  monthly | overnight | within a week | within a month | over the weekend | by friday | end of the month |
  end of the quarter | end of the year | financial year | six months | three months | two weeks`);

/** "um", "uh", "basically"...: the brief's filler list. "kind of" after a determiner is not filler. */
export const FILLER_PATTERN =
  /(?<![\p{L}\p{N}'])(?:u+m+|u+h+|e+r+m+|er|hmm+|basically|literally|you know|i mean|like,)(?![\p{L}\p{N}])|(?<!(?:^|\s)(?:a|the|this|that|what|some|any|every|one|same|which|these|those|all|no)\s)(?<![\p{L}\p{N}'])(?:sort|kind) of(?![\p{L}\p{N}])/gu;

export const HEDGE_PHRASES = phraseList(`
  i guess | maybe | probably | i think | i suppose | hopefully | perhaps | i'm not sure | i am not sure |
  i feel like | not really sure`);

/** Generic praise that says nothing about why this company. */
export const FLATTERY_PHRASES = phraseList(`
  great company | amazing company | fantastic company | brilliant company | industry leader |
  leader in the industry | world-class | world class | dream job | dream company | always wanted to work |
  great place to work | love your brand | best company | great reputation | amazing culture | great culture |
  good company | really passionate | huge fan | one of the most | one of the best | one of the biggest |
  one of the leading | prestigious | really innovative | innovative brand | great opportunity | great fit |
  like your values | love your values | like your culture | love your culture | values and your culture |
  values and culture | market leader | leading firm | top firm | great brand | learn from the best`);

/*
 * The second-round preparation checklist (preparation-cues.ts). The English model finds money,
 * durations, dates, negation and lemmas, but it has no notion of what a sentence is about, so
 * which topic a figure belongs to (a salary, not a saving) needs these few cue words. They are
 * matched on the model's lemmas, so "salaries", "launched" and "competitors" need no listing.
 */

/** A figure is a salary only beside one of these (or in answer to a question about pay). */
export const SALARY_LEMMAS = new Set(wordList("salary compensation remuneration wage earnings income ote"));
/** First-person ways of naming a salary figure without the word ("I'm looking for 45k"). */
export const SALARY_PHRASES = phraseList(`i'm looking for | i am looking for | i'd be looking for |
  i would be looking for | i'd expect | i would expect | i'm expecting | i am expecting | i'd hope for |
  i would hope for | i'm asking for | i am asking for | i'd be asking for | i'm aiming for | i am aiming for |
  i currently earn | i earn | i'm currently on | i am currently on | my expectations | pay range |
  total package | overall package | base of | day rate | hourly rate | daily rate`);
/** What company research names: results, news, products and plans, not a feeling about the company. */
export const RESEARCH_LEMMAS = new Set(
  wordList(`report result results news article podcast interview announcement announce launch acquisition
  acquire merger partnership funding raise revenue profit turnover growth grow expansion expand strategy
  plan product service app customer market share award open hire invest investment ipo listing`),
);
/** Words that set this company against others ("unlike Monzo", "compared with", "your competitors"). */
export const COMPARISON_LEMMAS = new Set(
  wordList("unlike compare comparison whereas versus vs competitor rival differentiate"),
);
export const COMPARISON_PHRASES = phraseList(`rather than | as opposed to | stand out | stands out |
  sets you apart | set you apart | the rest of the | over the others | than other | than others |
  different from | different to | differs from | differ from`);
/**
 * Admissions the model does not mark as negation ("unsure", "no idea", "yet to"): a sentence with
 * one of these states no figure or fact, however many numbers it carries.
 */
export const ADMISSION_PHRASES = phraseList(`not sure | unsure | no idea | not certain | yet to | still to |
  need to check | need to find out | have to check | would have to check | i'd have to check |
  still working out | haven't decided | have not decided | can't remember | cannot remember |
  don't remember | don't know | do not know | no clue | not decided`);
