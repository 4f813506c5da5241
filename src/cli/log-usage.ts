export const LOG_USAGE = `Usage: secondround log [options]
Records how your first round with a company went, so a second round there is built on it: the
questions you were asked, your own notes on what you answered, and how each went. A practice
interview for a second or final round with that company then revisits them (the one that went
badly first), quoting your notes, and checks your new answers against them.

  --company NAME     the company (asked when not given)
  --role ROLE        the role you interviewed for
  --date DATE        when round 1 was, as you like to write it (e.g. 2026-11-20)
  --import FILE      read the questions from a plain-text file (below); piped input is read the same way
  --list             your logs: company, role, date, questions
  --show COMPANY     a log in the plain-text form, ready to edit and import again
  --delete COMPANY   delete your log for that company
  --name NAME        whose logs (as practice --name; default: your user name)
  -h, --help         this text
Logging a company again replaces its log: that is how a log is edited.

The plain-text form: one question per paragraph, a blank line between them. The first line is the
question, the lines under it your notes on what you answered, and optionally how it went:

  Tell me about a time you improved a process.
  We cut the month-end close from 5 days to 2 by automating the reconciliations.
  How it went: badly

  Why do you want to work here?
  Talked about the graduate scheme. (went well)

How it went may also be written "Went: okay", "(badly)" or "[well]"; well, okay and badly (or
good, fine, poor…) are understood. A first paragraph of "Company: …", "Role: …" and "Date: …"
lines fills those in.`;
