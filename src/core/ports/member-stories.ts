import type { ExportedStory } from "../model/member-export.ts";

/**
 * A member's stories (the story bank), for their export and erasure. The story bank implements it
 * and is given to the desk (InterviewDesk's `stories`); without one, an export's `stories` is empty
 * and there is nothing of the kind to erase.
 */
export interface MemberStories {
  /** The member's stories in this community, as the export shows them. */
  exportMember(scope: string, memberId: string): Promise<ExportedStory[]>;
  /** Deletes every story of the member in this community; how many went. Safe to repeat. */
  eraseMember(scope: string, memberId: string): Promise<number>;
}
