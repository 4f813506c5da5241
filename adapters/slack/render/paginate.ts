import type { KnownBlock } from "@slack/types";
import { groupWithinLimits } from "../../shared/group-within-limits.ts";
import { blockText } from "./block-text.ts";

/** Blocks in order, grouped into messages of at most `blocksPerMessage` blocks and `textPerMessage` characters. */
export function paginateBlocks(
  blocks: readonly KnownBlock[],
  blocksPerMessage: number,
  textPerMessage: number,
): KnownBlock[][] {
  const pages = groupWithinLimits(blocks, {
    maxItems: blocksPerMessage,
    maxSize: textPerMessage,
    sizeOf: (block) => blockText(block).length,
    // A divider only separates sections within one message; at the top of a new one it is noise.
    skipAtStart: (block) => block.type === "divider",
  });
  return pages.map(withoutTrailingDividers).filter((page) => page.length > 0);
}

/** A divider at the bottom of a message separates nothing. */
function withoutTrailingDividers(page: KnownBlock[]): KnownBlock[] {
  while (page.at(-1)?.type === "divider") page.pop();
  return page;
}
