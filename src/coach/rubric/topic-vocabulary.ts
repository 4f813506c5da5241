import type { Competency, QuestionKind } from "../../core/model/interview-vocabulary.ts";
import { wordList } from "./text-match.ts";

/**
 * Vocabulary that shows an answer is about the question asked. Matching is by stem (see
 * text-match.ts), so "disagree" also finds "disagreed" and "disagreement".
 */

export const COMPETENCY_VOCABULARY: Record<Competency, readonly string[]> = {
  leadership: wordList(`lead led leading leader team managed manage mentor mentored coached delegated vision
    motivate motivated direction responsibility decision people guided ownership hired trained`),
  conflict: wordList(`conflict disagree disagreed disagreement colleague tension argument dispute compromise
    resolve resolved perspective difficult frustrated upset clash clashed mediate concerns feedback conversation
    annoyed angry argued complained unfair fell falling behaviour`),
  failure: wordList(`fail failed failure mistake error wrong missed learned learnt lesson setback regret
    apologised apologized owned fixed recover`),
  pressure: wordList(`pressure deadline tight urgent stress stressful crisis overtime priorities prioritised
    prioritized rush escalated outage busy calm juggling time`),
  collaboration:
    wordList(`team together collaborate collaborated colleagues cross-functional stakeholders shared
    partners departments support helped joint`),
  initiative:
    wordList(`initiative proactive noticed spotted proposed suggested introduced idea improve improvement
    volunteered started launched automated automate unasked`),
};

/** For questions without a competency: what an on-topic answer to this kind of question mentions. */
export const KIND_VOCABULARY: Record<QuestionKind, readonly string[]> = {
  behavioural: [],
  revisit: [],
  motivation: wordList(`role company team product mission values excited opportunity career experience skills
    growth learn develop industry customers impact because interest interested passion culture`),
  "culture-fit": wordList(`value values collaboration honesty feedback ownership customer team respect trust
    inclusion diversity learning transparency integrity remote flexible pace autonomy example culture`),
  practical:
    wordList(`salary pay notice period start available availability relocate commute hybrid office remote
    expectations package range market contract weeks month travel visa hours`),
  closing: wordList(`what how why could would team role success challenge challenges`),
};

/** Ordinary working-life words: an answer with none of these and no topic words is off-topic. */
export const WORKPLACE_WORDS = new Set(
  wordList(`team manager colleague boss client customer project deadline work worked job role company business
    office shift meeting report stakeholder university course school volunteer staff department organisation
    organization store shop service product plan problem issue task goal responsible process system budget sales
    patient student user career experience skill salary notice interview employer lead led managed
    schedule behind late delay delayed migration data release launch delivery deliver delivered code software bug
    pipeline analysis campaign supplier contract audit rota tests testing deployment client's internship placement`),
);

/** Generic question words that say nothing about the topic ("tell me about a time when you..."). */
export const QUESTION_STOPWORDS = new Set(
  wordList(`tell me about a an the time when you your yours describe give example had have has did do does what
    how why which who where would could can should was were is are been be of to in on for with and or that this
    it its at as by from some any one most more they them their there any ever recent recently walk through
    talk situation happened happen approach handled handle deal dealt like our us we role job position company want work working`),
);
