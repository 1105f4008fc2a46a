import type { PasswordStrengthProblem } from '../../shared/schemas/password-strength'
import { MIN_PASSWORD_LENGTH } from '../../shared/schemas/official'
import type { CliText } from './cli-language'

/** Why a password is refused, for the terminal; the back office has the same texts in its locale files. */
const CODE_TEXTS: Record<PasswordStrengthProblem['code'], CliText> = {
  too_short: { nl: `Het wachtwoord is te kort: minstens ${MIN_PASSWORD_LENGTH} tekens.`, en: `Password must be at least ${MIN_PASSWORD_LENGTH} characters.` },
  too_long: { nl: 'Het wachtwoord is te lang.', en: 'Password is too long.' },
  contains_email: { nl: 'Het wachtwoord mag het e-mailadres niet bevatten.', en: 'Password must not be or contain the e-mail address.' },
  too_guessable: { nl: 'Dit wachtwoord is te makkelijk te raden.', en: 'This password is too easy to guess.' },
}

/** zxcvbn's warnings that say most about a refused password. */
const WARNING_TEXTS: Record<string, CliText> = {
  common: { nl: 'Het is een veelgebruikt wachtwoord.', en: 'It is a commonly used password.' },
  similarToCommon: { nl: 'Het lijkt op een veelgebruikt wachtwoord.', en: 'It is similar to a commonly used password.' },
  topTen: { nl: 'Het is een van de meest gebruikte wachtwoorden.', en: 'It is one of the most used passwords.' },
  topHundred: { nl: 'Het is een van de meest gebruikte wachtwoorden.', en: 'It is one of the most used passwords.' },
  userInputs: { nl: 'Het bevat uw naam, e-mailadres of de naam van de gemeente.', en: 'It contains your name, e-mail address or the municipality’s name.' },
  wordByItself: { nl: 'Eén woord is makkelijk te raden.', en: 'A single word is easy to guess.' },
  namesByThemselves: { nl: 'Namen zijn makkelijk te raden.', en: 'Names are easy to guess.' },
  commonNames: { nl: 'Bekende namen zijn makkelijk te raden.', en: 'Common names are easy to guess.' },
  recentYears: { nl: 'Recente jaartallen zijn makkelijk te raden.', en: 'Recent years are easy to guess.' },
  dates: { nl: 'Datums zijn makkelijk te raden.', en: 'Dates are easy to guess.' },
  sequences: { nl: 'Reeksen zoals abc of 123 zijn makkelijk te raden.', en: 'Sequences like abc or 123 are easy to guess.' },
  straightRow: { nl: 'Rijen toetsen op het toetsenbord zijn makkelijk te raden.', en: 'Straight rows of keys are easy to guess.' },
  keyPattern: { nl: 'Korte toetsenbordpatronen zijn makkelijk te raden.', en: 'Short keyboard patterns are easy to guess.' },
  simpleRepeat: { nl: 'Herhaalde tekens zoals "aaa" zijn makkelijk te raden.', en: 'Repeated characters like "aaa" are easy to guess.' },
  extendedRepeat: { nl: 'Herhaalde patronen zijn makkelijk te raden.', en: 'Repeated patterns are easy to guess.' },
}

const ADVICE: CliText = { nl: 'Kies een zin van vier of meer losse woorden.', en: 'Choose a phrase of four or more unrelated words.' }

/** One sentence per part: the reason, what zxcvbn noticed, and what to do instead. */
export function passwordProblemText(problem: PasswordStrengthProblem): CliText {
  const parts = [CODE_TEXTS[problem.code], ...(problem.warning && WARNING_TEXTS[problem.warning] ? [WARNING_TEXTS[problem.warning]!] : []), ...(problem.code === 'too_guessable' ? [ADVICE] : [])]
  return { nl: parts.map((p) => p.nl).join(' '), en: parts.map((p) => p.en).join(' ') }
}
