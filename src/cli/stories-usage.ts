// Kept apart from the command, so `stories --help` answers without loading anything else.
export const STORIES_USAGE = `Usage: secondround stories [keep N | rename N "TITLE" | delete N] [options]
Your story bank: every story you told in a finished interview (its situation, action and result in
your own words, the competencies you used it for and its best score). New stories are suggestions;
keep the ones worth preparing (unkept suggestions go 90 days after you last told them), rename
them, or delete them. It also shows which of the six competencies have no story yet: your next
interview asks about those first. Kept for 12 months after your last change.
  (no action)         list the stories, numbered, with the gaps
  keep N              keep story N
  rename N "TITLE"    give story N your own title (it is kept too)
  delete N            delete story N
  --name TEXT         whose stories (default: your user name, as \`practice\` uses)
  -h, --help          this text`;
