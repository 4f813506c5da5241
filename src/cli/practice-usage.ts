// Kept apart from the command, so `practice --help` answers without loading the interview engine.
export const PRACTICE_USAGE = `Usage: secondround practice [options]
  --role TEXT          role you are interviewing for
  --company TEXT       company you are interviewing with
  --stage first|second|final  the round (default second; asked in an interactive terminal)
  --questions N        main questions, 1-12 (default 6)
  --persona hiring-manager|department-head|director-hr
  --focus LIST         competencies to favour, comma-separated (leadership,conflict,failure,pressure,collaboration,initiative)
  --probes N           follow-up probes per interview (default 3)
  --mode realistic|practice  feedback at the end (default), or after each answer with
                       /retry and /stronger (asked in an interactive terminal)
  --difficulty supportive|standard|tough  how hard follow-ups probe (default standard)
  --name TEXT          your name, as the interviewer greets you
  --session ID         the interview to resume, or to show if it has finished (default: your latest
                       unfinished one; a new one otherwise)
  --new                start a new interview even if one is unfinished
  --list               list your saved interviews and exit
  --session-file FILE  keep interviews in FILE (default: interviews.json in your data directory;
                       with Redis configured, interviews are kept in Redis instead)
  --cv FILE            your CV (PDF, DOCX, text or Markdown); the AI coach asks about it
  --jd FILE            the job description (same formats)
  --report-json FILE   also write the final report as JSON to FILE

  Ctrl-C pauses the interview (after asking); run the same command to carry on.
  Ctrl-D ends it early with feedback on what you have answered.
  /audio FILE answers aloud: the recording (m4a, mp3, wav, ogg, webm or flac, up to 5 minutes)
  is transcribed, shown for you to check, and measured for pace, fillers and pauses. It needs a
  transcription provider (see TRANSCRIPTION_* in .env.example).`;
