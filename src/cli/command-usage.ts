// Usage texts the command line prints before it loads anything else: `secondround help` and
// `<command> --help` must answer at once, with no configuration read and no connection opened.

export const MAIN_USAGE = `SecondRound: mock interviews with honest, evidence-based feedback.

Usage: secondround [command] [options]
  (no command)      serve on Discord/Slack when configured, otherwise a practice interview here
  practice          a practice interview in this terminal
  evaluate          assess answers given as JSON on stdin
  progress          a chart of your scores over time (PNG) and a summary
  serve             run the Discord/Slack bots (needs Redis); also runs the coach jobs
                    unless --no-worker
  worker            run only the background coach jobs (needs Redis, no platform credentials)
  discord:register  register the /interview command with Discord
  log               record how a first round went, so a second round builds on it
  stories           your story bank: keep, rename or delete the stories you told
  privacy           export your data as JSON (privacy export) or erase it (privacy delete)
  rotate-key        seal stored interviews with the newest encryption key
  version           the version (also --version, -v)
  help              this text

Run \`secondround <command> --help\` for a command's options.`;

const SHUTDOWN = `Stops on SIGTERM (docker stop) or SIGINT (Ctrl-C), at any moment, start-up included: it stops
taking events, lets coach jobs in flight finish for up to SECONDROUND_SHUTDOWN_GRACE_MS (8000),
hands the unfinished ones back to the queue for another worker, writes what is left of its
delivery records and exits with status 0. A second signal exits at once.`;

export const SERVE_USAGE = `Usage: secondround serve [--no-worker]
Runs the Discord and/or Slack bots configured in the environment (see .env.example); interviews
are kept in Redis (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES). Any number of serve and
worker processes can share one Redis.
  --no-worker  the chat transports only: the bots, the delivery sweep, quiet-period timers and
               committing the results of coach jobs; the coach (AI) jobs themselves are left to
               \`secondround worker\` processes. The same as SECONDROUND_ROLE=serve.
  -h, --help   this text
Without --no-worker the process runs the coach jobs too (SECONDROUND_ROLE=all, the default).
${SHUTDOWN}`;

export const WORKER_USAGE = `Usage: secondround worker
Runs only the background coach jobs (question plans, evaluations, the report's summary), for the
chat bots' interviews in Redis (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES). It needs
the AI coach's settings (OPENAI_*) and no platform credentials: each result is handed to a
\`secondround serve\` process, which commits it and posts what it says. The same as
SECONDROUND_ROLE=worker.
  -h, --help   this text
${SHUTDOWN}`;

export const DISCORD_REGISTER_USAGE = `Usage: secondround discord:register
Registers the /interview command with Discord: in the server DISCORD_GUILD_ID when it is set
(appears at once, for testing), otherwise globally (may take up to an hour to appear).
Needs DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID.
  -h, --help   this text`;

/** True when the options ask for help: `-h` or `--help` anywhere before a `--`. */
export function asksForHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === "--") return false;
    if (arg === "--help" || arg === "-h") return true;
  }
  return false;
}
