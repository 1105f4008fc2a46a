import { describe, expect, it } from 'vitest'
import { MIN_PASSWORD_SCORE, passwordStrengthProblem } from '../../../src/server/auth/password-strength'

const beverwijk = { email: 'j.devries@beverwijk.nl', municipalityName: 'Beverwijk', municipalitySlug: 'beverwijk' }

/**
 * Issue 14: 21 well-known weak passwords, all 12 characters or longer (so the length rule alone
 * lets them through), of which the earlier list-based check accepted 11.
 */
const WEAK_PASSWORDS = [
  'Passw0rd1234', 'Summer2024!!', 'Beverwijk2026', 'Welkom123456', 'Wachtwoord01', 'Qwerty123456', 'Zomer2025!!!',
  'Voetbal12345', 'Amsterdam2024', 'Gemeente2026!', 'P@ssw0rd2024', 'Welcome12345', 'Iloveyou1234', 'Letmein12345',
  '1234567890ab', 'Azerty123456', 'Winter2023!!', 'Ajax12345678', 'Feyenoord1908', 'Admin1234567', 'Abcdefgh1234',
]

const STRONG_PASSPHRASES = ['correct paard batterij nietje', 'Fietsen langs de Zaan in oktober', 'tulp-kikker-regenjas-vijfendertig', 'blauwe giraf eet warme soep', 'zonnige-dag-aan-zee']

describe('password strength (zxcvbn-ts with the common and nl-be dictionaries)', () => {
  it(`refuses all 21 well-known weak passwords of the issue (score below ${MIN_PASSWORD_SCORE})`, async () => {
    expect(WEAK_PASSWORDS).toHaveLength(21)
    expect(WEAK_PASSWORDS.every((p) => p.length >= 12)).toBe(true)
    for (const password of WEAK_PASSWORDS) {
      expect(await passwordStrengthProblem(password, beverwijk), password).toMatchObject({ code: 'too_guessable' })
    }
  })

  it('accepts strong passphrases', async () => {
    for (const password of STRONG_PASSPHRASES) expect(await passwordStrengthProblem(password, beverwijk), password).toBeNull()
  })

  it('counts the municipality name and the e-mail parts as guessable', async () => {
    const withTown = await passwordStrengthProblem('Beverwijk2026', beverwijk)
    expect(withTown).toMatchObject({ code: 'too_guessable', warning: 'userInputs' })
    const elsewhere = await passwordStrengthProblem('Beverwijk2026', { email: 'a@zaandam.nl', municipalityName: 'Zaanstad' })
    expect(elsewhere?.warning).not.toBe('userInputs')
  })

  it('keeps the length rule and refuses the e-mail address itself', async () => {
    expect(await passwordStrengthProblem('kort', beverwijk)).toMatchObject({ code: 'too_short' })
    expect(await passwordStrengthProblem('x'.repeat(257), beverwijk)).toMatchObject({ code: 'too_long' })
    expect(await passwordStrengthProblem('j.devries@beverwijk.nl', beverwijk)).toMatchObject({ code: 'contains_email' })
  })

  it('gives zxcvbn feedback keys that the back office words', async () => {
    const problem = await passwordStrengthProblem('Passw0rd1234', beverwijk)
    expect(problem?.warning).toBe('common')
    expect(problem?.suggestions).toContain('anotherWord')
  })
})
