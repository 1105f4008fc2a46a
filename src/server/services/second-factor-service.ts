import type { AuditAction } from '../../shared/audit-actions'
import type { OfficialRole } from '../../shared/schemas/official'
import { enrolmentOf, matchingStep, newRecoveryCodes, newTotpSecret, recoveryCodeHash } from '../auth/totp'
import type { SecretBox } from '../auth/secret-box'
import { DomainError } from '../errors'
import { recordAudit } from '../repos/audit-repo'
import { countRecoveryCodesLeft, findTotp, putPendingTotp, replaceRecoveryCodes, useRecoveryCode, useTotpStep } from '../repos/second-factor-repo'
import type { SessionStage } from '../repos/session-repo'
import { findSignInSettings } from '../repos/sign-in-settings-repo'
import type { ServiceContext } from './context'

/**
 * The second factor of password accounts (TOTP). Required for admins (unless the installation
 * says otherwise, see `adminsNeedIt`) and, when the municipality switches it on, for everyone;
 * optional for the others. Officials who sign in through their identity provider get their
 * second factor there and never see this.
 */
export interface SecondFactorPolicy {
  box: SecretBox
  /** Whether admins must have one (the default; ADMIN_SECOND_FACTOR=optional turns it off). */
  adminsNeedIt: boolean
}

interface Person {
  id: string
  email: string
  municipality: string
  role: OfficialRole
}

export async function isSecondFactorRequired(context: ServiceContext, policy: SecondFactorPolicy, person: Person): Promise<boolean> {
  if (person.role === 'admin' && policy.adminsNeedIt) return true
  return (await findSignInSettings(context.db, person.municipality)).requireSecondFactor
}

/** Where a password sign-in stands: done, waiting for the code, or waiting for enrolment. */
export async function stageAfterPassword(context: ServiceContext, policy: SecondFactorPolicy, person: Person): Promise<SessionStage> {
  if ((await findTotp(context.db, person.id))?.confirmed) return 'code'
  return (await isSecondFactorRequired(context, policy, person)) ? 'enrolment' : 'ready'
}

export async function secondFactorStatus(context: ServiceContext, policy: SecondFactorPolicy, person: Person) {
  const totp = await findTotp(context.db, person.id)
  return {
    enrolled: totp?.confirmed ?? false,
    required: await isSecondFactorRequired(context, policy, person),
    recoveryCodesLeft: totp?.confirmed ? await countRecoveryCodesLeft(context.db, person.id) : 0,
  }
}

/** A new secret to scan; it counts only once a right code confirms it. */
export async function startEnrolment(context: ServiceContext, policy: SecondFactorPolicy, person: Person) {
  const secret = newTotpSecret()
  if (!(await putPendingTotp(context.db, person.id, policy.box.seal('totp-secret', secret), context.now))) {
    throw new DomainError('second_factor_already_enrolled', 'A second factor is set up already')
  }
  return { secret, ...(await enrolmentOf(secret, person.email)) }
}

function openSecret(policy: SecondFactorPolicy, sealed: string): string {
  const secret = policy.box.open('totp-secret', sealed)
  // The server secret changed: the factor cannot be checked, so it cannot be passed.
  if (secret === null) throw new DomainError('second_factor_code_invalid', 'The stored second factor cannot be read')
  return secret
}

async function failed(context: ServiceContext, person: Person, action: AuditAction): Promise<never> {
  await recordAudit(context.db, { officialId: person.id, municipality: person.municipality, action, details: { reason: 'second_factor_code_invalid' } }, context.now)
  throw new DomainError('second_factor_code_invalid', 'The code is wrong, too old or used already')
}

/** Confirms the enrolment with a first right code; answers the ten recovery codes, shown once. */
export async function confirmEnrolment(context: ServiceContext, policy: SecondFactorPolicy, person: Person, code: string): Promise<string[]> {
  const totp = await findTotp(context.db, person.id)
  if (!totp) throw new DomainError('second_factor_not_started', 'Start setting up the second factor first')
  if (totp.confirmed) throw new DomainError('second_factor_already_enrolled', 'A second factor is set up already')
  const step = matchingStep(openSecret(policy, totp.secretSealed), code, context.now)
  if (step === null) return failed(context, person, 'auth.secondFactor.enrolmentFailed')
  const codes = newRecoveryCodes()
  await context.db.transaction(async (tx) => {
    if (!(await useTotpStep(tx, person.id, step, context.now, true))) throw new DomainError('second_factor_code_invalid', 'The code was used already')
    await replaceRecoveryCodes(tx, person.id, codes.map(recoveryCodeHash))
    await recordAudit(tx, { officialId: person.id, municipality: person.municipality, action: 'auth.secondFactor.enrolled', details: { recoveryCodes: codes.length } }, context.now)
  })
  return codes
}

/** Checks the code (or a recovery code, once) of a sign-in waiting for it. */
export async function verifySecondFactor(context: ServiceContext, policy: SecondFactorPolicy, person: Person, answer: { code?: string | undefined; recoveryCode?: string | undefined }): Promise<void> {
  const totp = await findTotp(context.db, person.id)
  if (!totp?.confirmed) throw new DomainError('second_factor_not_started', 'No second factor is set up')
  if (answer.recoveryCode) {
    if (!(await useRecoveryCode(context.db, person.id, recoveryCodeHash(answer.recoveryCode), context.now))) return failed(context, person, 'auth.secondFactor.failed')
    await recordAudit(context.db, { officialId: person.id, municipality: person.municipality, action: 'auth.secondFactor.recoveryCodeUsed', details: { left: await countRecoveryCodesLeft(context.db, person.id) } }, context.now)
    return
  }
  const step = matchingStep(openSecret(policy, totp.secretSealed), answer.code ?? '', context.now)
  if (step === null || !(await useTotpStep(context.db, person.id, step, context.now, false))) return failed(context, person, 'auth.secondFactor.failed')
}
