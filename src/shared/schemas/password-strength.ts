import { z } from 'zod'

/** Why a password was refused: a code, and zxcvbn's feedback keys for the details. */
export const PASSWORD_PROBLEM_CODES = ['too_short', 'too_long', 'contains_email', 'too_guessable'] as const
export type PasswordProblemCode = (typeof PASSWORD_PROBLEM_CODES)[number]

/** zxcvbn-ts feedback keys (`warnings.<key>`, `suggestions.<key>`), worded by each client. */
export const PASSWORD_WARNING_KEYS = [
  'straightRow', 'keyPattern', 'simpleRepeat', 'extendedRepeat', 'sequences', 'recentYears', 'dates', 'topTen', 'topHundred',
  'common', 'similarToCommon', 'wordByItself', 'namesByThemselves', 'commonNames', 'userInputs', 'pwned',
] as const
export const PASSWORD_SUGGESTION_KEYS = [
  'l33t', 'reverseWords', 'allUppercase', 'capitalization', 'dates', 'recentYears', 'associatedYears', 'sequences', 'repeated',
  'longerKeyboardPattern', 'anotherWord', 'useWords', 'noNeed', 'pwned',
] as const

export const PasswordStrengthProblemSchema = z
  .object({
    code: z.enum(PASSWORD_PROBLEM_CODES),
    warning: z.string().nullable(),
    suggestions: z.array(z.string()),
  })
  .meta({ id: 'PasswordStrengthProblem' })
export type PasswordStrengthProblem = z.infer<typeof PasswordStrengthProblemSchema>
