import { z } from 'zod'
import { EmailSchema, MAX_PASSWORD_LENGTH, OFFICIAL_ROLES } from './official'
import { safeString } from './safe-text'

/** The one-time token of an invitation or reset link (base64url of 32 random bytes). */
export const AccountLinkTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/)

const NewPasswordSchema = safeString().min(1).max(MAX_PASSWORD_LENGTH)

export const InviteOfficialSchema = z.object({ email: EmailSchema, role: z.enum(OFFICIAL_ROLES) }).meta({ id: 'InviteOfficial' })
export const InvitationLookupSchema = z.object({ token: AccountLinkTokenSchema }).meta({ id: 'InvitationLookup' })

/** What the colleague sees before choosing a password: which account, for which municipality. */
export const InvitationInfoSchema = z
  .object({ email: z.string(), role: z.enum(OFFICIAL_ROLES), municipalityName: z.string() })
  .meta({ id: 'InvitationInfo' })
export type InvitationInfo = z.infer<typeof InvitationInfoSchema>

export const AcceptInvitationSchema = z.object({ token: AccountLinkTokenSchema, password: NewPasswordSchema }).meta({ id: 'AcceptInvitation' })
export const ResetRequestSchema = z.object({ email: EmailSchema }).meta({ id: 'ResetRequest' })
export const ResetPasswordSchema = z.object({ token: AccountLinkTokenSchema, password: NewPasswordSchema }).meta({ id: 'ResetPassword' })
export const ChangePasswordSchema = z
  .object({ currentPassword: safeString().min(1).max(MAX_PASSWORD_LENGTH), newPassword: NewPasswordSchema })
  .meta({ id: 'ChangePassword' })
