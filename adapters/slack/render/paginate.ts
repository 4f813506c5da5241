import type { DividerBlock, KnownBlock } from "@slack/types";
import { blockText } from "./block-text.ts";

/** Blocks that belong on one message: a report section under its heading, or one section of text. */
export interface BlockGroup {
  readonly blocks: readonly KnownBlock[];
  /**
   * Put at the top of each further message when the group is too big for one message on its own and
   * must be split inside: its heading, marked "(continued)".
   */
  readonly continued?: KnownBlock;
  /** A divider separates the group from one before it in the same message (never at a message's top). */
  readonly dividerBefore?: boolean;
}

const DIVIDER: DividerBlock = { type: "divider" };

/**
 * Groups in order, laid out into messages of at most `blocksPerMessage` blocks and `textPerMessage`
 * characters. Messages break between groups: a group that does not fit what is left of a message
 * starts the next one, whole. Only a group too big for any one message is split, between its blocks,
 * each further message starting with the group's `continued` heading.
 */
export function paginateGroups(
  groups: readonly BlockGroup[],
  blocksPerMessage: number,
  textPerMessage: number,
): KnownBlock[][] {
  const pages: KnownBlock[][] = [];
  let page: KnownBlock[] = [];
  let size = 0;
  const sizeOf = (blocks: readonly KnownBlock[]) =>
    blocks.reduce((total, block) => total + blockText(block).length, 0);
  const fits = (blocks: readonly KnownBlock[]) =>
    page.length + blocks.length <= blocksPerMessage && size + sizeOf(blocks) <= textPerMessage;
  const add = (blocks: readonly KnownBlock[]) => {
    page.push(...blocks);
    size += sizeOf(blocks);
  };
  const nextPage = () => {
    if (page.length > 0) pages.push(page);
    page = [];
    size = 0;
  };
  for (const group of groups) {
    const withDivider = page.length > 0 && group.dividerBefore ? [DIVIDER, ...group.blocks] : group.blocks;
    if (fits(withDivider)) {
      add(withDivider);
      continue;
    }
    nextPage();
    if (fits(group.blocks)) {
      add(group.blocks);
      continue;
    }
    for (const block of group.blocks) {
      if (page.length > 0 && !fits([block])) {
        nextPage();
        if (group.continued) add([group.continued]);
      }
      add([block]);
    }
  }
  nextPage();
  return pages;
}
