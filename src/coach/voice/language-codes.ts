/**
 * Whisper's `verbose_json` names the language in English ("english"); the transcript keeps ISO
 * 639-1 codes. A provider that already answers with a code is taken as it is; a name not listed
 * here is kept as unknown (null) rather than guessed.
 */
const CODES: Readonly<Record<string, string>> = {
  afrikaans: "af",
  arabic: "ar",
  bengali: "bn",
  bulgarian: "bg",
  catalan: "ca",
  chinese: "zh",
  croatian: "hr",
  czech: "cs",
  danish: "da",
  dutch: "nl",
  english: "en",
  estonian: "et",
  finnish: "fi",
  french: "fr",
  german: "de",
  greek: "el",
  hebrew: "he",
  hindi: "hi",
  hungarian: "hu",
  indonesian: "id",
  italian: "it",
  japanese: "ja",
  korean: "ko",
  latvian: "lv",
  lithuanian: "lt",
  malay: "ms",
  norwegian: "no",
  persian: "fa",
  polish: "pl",
  portuguese: "pt",
  romanian: "ro",
  russian: "ru",
  serbian: "sr",
  slovak: "sk",
  slovenian: "sl",
  spanish: "es",
  swahili: "sw",
  swedish: "sv",
  tagalog: "tl",
  tamil: "ta",
  thai: "th",
  turkish: "tr",
  ukrainian: "uk",
  urdu: "ur",
  vietnamese: "vi",
  welsh: "cy",
};

export function languageCode(language: string | null | undefined): string | null {
  if (!language) return null;
  const folded = language.trim().toLowerCase();
  if (/^[a-z]{2}$/.test(folded)) return folded;
  return Object.hasOwn(CODES, folded) ? (CODES[folded] ?? null) : null;
}
