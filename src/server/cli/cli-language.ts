/**
 * The admin commands speak the operator's language: Dutch by default (the project's first
 * language), English when the environment asks for it. `MEEPRAAT_LANG` wins over the locale
 * variables, so a script can pin the language whatever the machine's locale is.
 */
export type CliLanguage = 'nl' | 'en'

export function cliLanguage(env: NodeJS.ProcessEnv = process.env): CliLanguage {
  const chosen = env.MEEPRAAT_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  return /^en\b|^en[_-]/i.test(chosen) ? 'en' : 'nl'
}

/** One sentence in both languages; the command prints the operator's. */
export interface CliText {
  nl: string
  en: string
}

export function say(text: CliText, language: CliLanguage = cliLanguage()): string {
  return text[language]
}
