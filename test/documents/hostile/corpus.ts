/** The hostile-document corpus (reliability.md requirement 16), grouped by family, built at test time. */
import { activeContent } from "./active-content.ts";
import type { HostileCase } from "./corpus-types.ts";
import { executables, markupFiles, polyglots } from "./disguised.ts";
import { flippedDocx, xmlAttacks, zipBombs } from "./docx-attacks.ts";
import { flateBombs } from "./flate-bombs.ts";
import { encrypted, flippedPdfs, pageCounts, pdfStructure, truncatedPdfs } from "./pdf-structure.ts";
import { textInputs } from "./text-inputs.ts";

export const HOSTILE_FAMILIES: readonly (readonly [family: string, cases: readonly HostileCase[]])[] = [
  ["flate-bomb", flateBombs],
  ["active-content", activeContent],
  ["page-count", pageCounts],
  ["encrypted", encrypted],
  ["truncated-pdf", truncatedPdfs],
  ["byte-flip-pdf", flippedPdfs],
  ["pdf-structure", pdfStructure],
  ["polyglot", polyglots],
  ["executable", executables],
  ["markup", markupFiles],
  ["zip-bomb-docx", zipBombs],
  ["xml-attack-docx", xmlAttacks],
  ["byte-flip-docx", flippedDocx],
  ["text-input", textInputs],
];
