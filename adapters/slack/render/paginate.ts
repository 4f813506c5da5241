import type { KnownBlock } from "@slack/types";
import { blockText } from "./block-text.ts";

/** Blocks in order, grouped into messages of at most `blocksPerMessage` blocks and `textPerMessage` characters. */
export function paginateBlocks(
  blocks: readonly KnownBlock[],
  blocksPerMessage: number,
  textPerMessage: number,
): KnownBlock[][] {
  const pages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  let length = 0;
  for (const block of blocks) {
    const size = blockText(block).length;
    if (current.length > 0 && (current.length >= blocksPerMessage || length + size > textPerMessage)) {
      pushPage(pages, current);
      current = [];
      length = 0;
    }
    // A divider only separates sections within one message; at the top of a new one it is noise.
    if (current.length === 0 && block.type === "divider") continue;
    current.push(block);
    length += size;
  }
  pushPage(pages, current);
  return pages;
}

/** Adds a page without trailing dividers (a divider at the bottom of a message separates nothing). */
function pushPage(pages: KnownBlock[][], page: KnownBlock[]): void {
  while (page.at(-1)?.type === "divider") page.pop();
  if (page.length > 0) pages.push(page);
}
