// Kept apart from the command, so `progress --help` answers without loading the charting library.
export const PROGRESS_USAGE = `Usage: secondround progress [options]
Draws your progress across finished interviews as a PNG picture (overall score over time and
competency coverage), writes it to a file and prints its path with a summary in words. Progress
holds only each interview's date, role, company, round and scores (no answers), and is kept for
12 months after your latest interview.
  --name TEXT   whose progress (default: your user name, as \`practice\` uses)
  --out FILE    where to write the PNG (default: progress-<name>.png in your data directory)
  -h, --help    this text`;
