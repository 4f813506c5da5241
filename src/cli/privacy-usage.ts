export const PRIVACY_USAGE = `Usage: secondround privacy export [--out FILE] [--name NAME]
       secondround privacy delete [--yes] [--name NAME]
Your own data in this terminal's store: the interview file (or Redis when REDIS_URL is set), your
round-1 logs and your progress history.

  export           write all of it as one JSON file and print its path: every interview with its
                   questions, your answers word for word, the feedback and report; your round-1
                   logs; your progress entries
  delete           erase all of it (asks first in an interactive terminal)
  --out FILE       where export writes (default: secondround-my-data-<name>.json in the data
                   directory)
  --yes            delete without asking (for scripts)
  --name NAME      whose data (as practice --name; default: your user name)
  -h, --help       this text`;
