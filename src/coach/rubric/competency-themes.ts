import { wordList } from "./text-match.ts";

/**
 * What a story is about, as interviewers hear it: each theme is a set of lemmas (dictionary forms,
 * so "mentored" and "mentoring" are "mentor"). A question asks about one or two themes; an answer
 * that is mostly about another theme answers a different question, however many words it shares.
 * Each of the six core competencies is the theme of the same name.
 */

export const THEMES = {
  leadership: wordList(`lead leader leadership delegate direction motivate vision captain chair coordinate
    organise organize rally steer unpopular authority responsibility decision manage manager supervise
    organise organize committee chair captain president charge run head`),
  developing: wordList(`mentor coach train teach develop skill grow confidence progress shadow buddy onboard
    junior apprentice trainee newcomer starter learn improve practise practice nurture support guidance`),
  conflict: wordList(`conflict disagree disagreement argument argue tension dispute clash compromise mediate
    difficult frustrate frustrated upset angry complain complaint object pushback confront row falling behaviour
    defensive hostile rude tense
    fall disagreed annoyed unhappy frustrated complain tension`),
  failure:
    wordList(`fail failure mistake error wrong miss setback regret apologise apologize lesson fault oversight
    slip mess blame own admit reflect
    forgot overlook realise realize apologise lose lost bad fix wrong`),
  pressure:
    wordList(`pressure deadline tight urgent stress stressful crisis rush overtime busy calm juggle prioritise
    prioritize priority workload short-staffed overnight hour minute panic emergency
    first urgent competing request late quickly asap rush weekend matter deadline three`),
  collaboration:
    wordList(`team together collaborate collaboration colleague share partner joint cooperate group
    contribute teammate everyone role help support`),
  initiative:
    wordList(`initiative proactive notice spot propose suggest introduce idea improve improvement automate
    volunteer launch create unasked own streamline efficient process better
    try offer permission suggestion job
    quick quicker faster script tool template spreadsheet simplify trial pilot automate`),
  customer:
    wordList(`customer client patient service resident tenant guest satisfaction complaint visitor user
    shopper family parent pupil`),
  change:
    wordList(`change adapt adjust sudden unexpected restructure transition switch flexible new unfamiliar
    uncertainty shift pivot
    different instead move cancel plan new`),
  problem:
    wordList(`problem solve solution fix analyse analyze root cause investigate issue diagnose data figure
    troubleshoot bug
    why cause crack test find broken fault figure work out`),
  influence:
    wordList(`persuade influence convince negotiate stakeholder present explain pitch buy-in argue case
    sponsor senior`),
} as const;
export type Theme = keyof typeof THEMES;

export const THEME_NAMES = Object.keys(THEMES) as Theme[];
const LEMMA_THEMES = new Map<string, Theme[]>();
for (const theme of THEME_NAMES) {
  for (const lemma of THEMES[theme]) LEMMA_THEMES.set(lemma, [...(LEMMA_THEMES.get(lemma) ?? []), theme]);
}

/** Distinct cue lemmas per theme among the given lemmas. */
export function themeHits(lemmas: Iterable<string>): Record<Theme, number> {
  const seen = new Set<string>();
  const hits = Object.fromEntries(THEME_NAMES.map((t) => [t, 0])) as Record<Theme, number>;
  for (const lemma of lemmas) {
    if (seen.has(lemma)) continue;
    seen.add(lemma);
    for (const theme of LEMMA_THEMES.get(lemma) ?? []) hits[theme] += 1;
  }
  return hits;
}
