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
