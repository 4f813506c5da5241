/**
 * Whisper leaves out fillers ("um", "uh") unless its prompt shows them: it copies the style of the
 * prompt, and a prompt full of disfluencies keeps them in the transcript (OpenAI's speech-to-text
 * guide, "Prompting"). The delivery measures count them, so every clip is sent with this prompt.
 * It holds no interview content: nothing about the candidate or the question is sent with the audio.
 */
export const FILLER_PROMPT =
  "Um, uh, so, like, you know, I mean… er, I was— hmm, let me think. Okay, so, um, basically I, uh, led the, like, the project.";
