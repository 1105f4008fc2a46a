import type { z } from 'zod'
import type { InvitationInfo, InviteOfficialSchema } from '../../shared/schemas/account'
import type { OfficialRole } from '../../shared/schemas/official'
import { assertStrongPassword } from '../auth/password-strength'
import { hashPassword, verifyPassword } from '../auth/passwords'
import { DomainError } from '../errors'
import { mailTexts } from '../notify/mail-texts'
import type { MailMessage } from '../notify/notifier'
import { recordAudit } from '../repos/audit-repo'
import { findLiveAccountToken, insertAccountToken, newAccountToken, retireResetTokens, useAccountToken } from '../repos/account-token-repo'
import { findMunicipality } from '../repos/municipality-repo'
import { findOfficialByEmail, findOfficialById, insertOfficial, setOfficialPassword } from '../repos/official-repo'
import { deleteSessionsOf } from '../repos/session-repo'
import { audited, type Actor, type ServiceContext } from './context'

/** Where links in e-mails point and how mail leaves (the app's notifier). */
export interface AccountMail {
  publicUrl: string
  send(message: MailMessage): Promise<void>
}

const linkInvalid = () => new DomainError('account_link_invalid', 'This link is unknown, used already or expired')
const municipalityName = async (context: ServiceContext, slug: string) => (await findMunicipality(context.db, slug))?.name ?? slug

/**
 * An admin invites a colleague to their own municipality: a one-time link, valid 72 hours, by
 * e-mail. The account is created only when the colleague accepts and picks a password.
 */
export async function inviteOfficial(context: ServiceContext, admin: Actor & { email: string }, input: z.infer<typeof InviteOfficialSchema>, mail: AccountMail): Promise<void> {
  if (await findOfficialByEmail(context.db, input.email)) throw new DomainError('email_taken', 'An account with this e-mail address exists')
  const token = newAccountToken()
  await audited(context, admin, 'official.invite', async (tx) => {
    await insertAccountToken(tx, token, { purpose: 'invitation', email: input.email, municipality: admin.municipality, role: input.role, officialId: null, invitedBy: admin.id }, context.now)
    return { result: undefined, details: { role: input.role } }
  })
  const text = mailTexts.officialInvited({ municipalityName: await municipalityName(context, admin.municipality), invitedBy: admin.email, link: `${mail.publicUrl}/beheer/uitnodiging#${token}` })
  await mail.send({ to: input.email, ...text })
}

/** Which account an invitation link is for, without using it. */
export async function lookUpInvitation(context: ServiceContext, token: string): Promise<InvitationInfo> {
  const row = await findLiveAccountToken(context.db, token, 'invitation', context.now)
  if (!row || !row.role) throw linkInvalid()
  return { email: row.email, role: row.role, municipalityName: await municipalityName(context, row.municipality) }
}

/** The colleague picks a password: the account is created and the link is used up, in one transaction. */
export async function acceptInvitation(context: ServiceContext, token: string, password: string): Promise<string> {
  const preview = await findLiveAccountToken(context.db, token, 'invitation', context.now)
  if (!preview) throw linkInvalid()
  await assertStrongPassword(password, { email: preview.email, municipalityName: await municipalityName(context, preview.municipality), municipalitySlug: preview.municipality })
  const passwordHash = await hashPassword(password)
  return context.db.transaction(async (tx) => {
    // Used here, not at the preview: of two tabs accepting at once, exactly one wins.
    const row = await useAccountToken(tx, token, 'invitation', context.now)
    if (!row) throw linkInvalid()
    const id = await insertOfficial(tx, { email: row.email, passwordHash, municipality: row.municipality, role: row.role as OfficialRole })
    if (!id) throw new DomainError('email_taken', 'An account with this e-mail address exists')
    await recordAudit(tx, { officialId: id, municipality: row.municipality, action: 'official.invitation.accept', details: { officialId: id, invitedBy: row.invitedBy, role: row.role } }, context.now)
    return id
  })
}

/**
 * Anyone may ask for a reset link. The answer, and the work before it, are the same whether an
 * account exists or not: a token is made either way, and the e-mail leaves after the answer
 * (the caller does not wait for it), so neither the reply nor its timing says who has an account.
 */
export async function requestPasswordReset(context: ServiceContext, email: string, mail: AccountMail, onMailError: (error: unknown) => void): Promise<void> {
  const account = await findOfficialByEmail(context.db, email)
  const token = newAccountToken()
  if (!account || account.disabled) return
  await insertAccountToken(context.db, token, { purpose: 'reset', email: account.email, municipality: account.municipality, role: null, officialId: account.id, invitedBy: null }, context.now)
  const text = mailTexts.passwordReset({ municipalityName: await municipalityName(context, account.municipality), link: `${mail.publicUrl}/beheer/nieuw-wachtwoord#${token}` })
  void mail.send({ to: account.email, ...text }).catch(onMailError)
}

/** A new password from a reset link: every session of the official ends, and every other reset link. */
export async function resetPassword(context: ServiceContext, token: string, password: string): Promise<void> {
  const preview = await findLiveAccountToken(context.db, token, 'reset', context.now)
  if (!preview?.officialId) throw linkInvalid()
  await assertStrongPassword(password, { email: preview.email, municipalityName: await municipalityName(context, preview.municipality), municipalitySlug: preview.municipality })
  const passwordHash = await hashPassword(password)
  await context.db.transaction(async (tx) => {
    const row = await useAccountToken(tx, token, 'reset', context.now)
    if (!row?.officialId) throw linkInvalid()
    const account = await findOfficialById(tx, row.officialId)
    if (!account || account.disabled) throw linkInvalid()
    await setOfficialPassword(tx, account.id, passwordHash)
    const ended = await deleteSessionsOf(tx, account.id)
    await retireResetTokens(tx, account.id, context.now)
    await recordAudit(tx, { officialId: account.id, municipality: account.municipality, action: 'auth.password.reset', details: { sessionsEnded: ended } }, context.now)
  })
}

/**
 * A signed-in official changes their own password, giving the current one. Every session of the
 * official ends, the current one too: the route then starts a fresh session (new id and CSRF
 * token) for this browser, so a stolen cookie of any session stops working.
 */
export async function changePassword(context: ServiceContext, actor: Actor & { email: string }, currentPassword: string, newPassword: string): Promise<void> {
  const account = await findOfficialById(context.db, actor.id)
  if (!account || !(await verifyPassword(currentPassword, account.passwordHash))) throw new DomainError('current_password_wrong', 'The current password is not correct')
  await assertStrongPassword(newPassword, { email: account.email, municipalityName: await municipalityName(context, account.municipality), municipalitySlug: account.municipality })
  const passwordHash = await hashPassword(newPassword)
  await audited(context, actor, 'auth.password.change', async (tx) => {
    await setOfficialPassword(tx, account.id, passwordHash)
    const ended = await deleteSessionsOf(tx, account.id)
    await retireResetTokens(tx, account.id, context.now)
    return { result: undefined, details: { sessionsEnded: ended } }
  })
}
