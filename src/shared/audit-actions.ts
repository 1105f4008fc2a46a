/**
 * Every action the audit log records. `audited()` and `recordAudit()` accept only these, so a new
 * action must be added here, and a test then asks for its Dutch and English label
 * (`beheer.audit.action.<action>`) and checks that every action recorded in src/server is listed.
 * Scheduled jobs record `job.<name>`: their names are listed here too.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.password.change',
  'auth.password.reset',
  'item.create',
  'item.update',
  'item.publish',
  'item.close',
  'item.export',
  'answer.hide',
  'answer.unhide',
  'feedback.publish',
  'feedback.correct',
  'table.assignment',
  'table.signups.read',
  'table.advice',
  'table.invite',
  'table.draw',
  'official.create',
  'official.disable',
  'official.invite',
  'official.invitation.accept',
  'audit.export',
  'retention.run',
  'job.retention',
  'job.rate-limit-cleanup',
  'answer.redact',
  'municipality.create',
  'municipality.update',
  'municipality.logo.replace',
  'municipality.logo.remove',
  'region.create',
  'mail.retry',
  'job.mail-purge',
  'auth.login.failed',
  'auth.login.password',
  'auth.sso.refused',
  'auth.sso.disabled',
  'auth.sso.roleChanged',
  'auth.secondFactor.enrolled',
  'auth.secondFactor.enrolmentFailed',
  'auth.secondFactor.failed',
  'auth.secondFactor.recoveryCodeUsed',
  'signIn.settings.update',
  'advice.create',
  'advice.update',
  'advice.submit',
  'advice.respond',
  'approach.propose',
  'meeting.create',
  'meeting.update',
  'meeting.publish',
  'network.invite',
  'network.members.read',
  'network.export',
  'signal.moderate',
  'signal.redact',
  'signal.status',
  'signal.respond',
  'signal.councilDecision',
  'signal.comment',
  'agenda.update',
  'agenda.entry.create',
  'agenda.entry.update',
  'agenda.entry.delete',
  'agenda.publish',
  'partner.create',
  'partner.update',
  'partner.delete',
  'answer.onBehalf',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/**
 * A scheduled job's run (`job.<name>`). Its entries belong to no municipality, so no admin's log
 * shows them; the jobs of the app are in AUDIT_ACTIONS above, and tests may run jobs of their own.
 */
export type JobAuditAction = `job.${string}`

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value)
}
