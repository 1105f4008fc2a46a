import { maskAddress, type MailQueue } from '../../shared/schemas/mail-queue'
import { notFound } from '../errors'
import { mailQueueOf, retryDeadMail } from '../repos/mail-outbox-repo'
import { audited, type Actor, type ServiceContext } from './context'

export async function mailQueueFor(context: ServiceContext, admin: Actor): Promise<MailQueue> {
  const { counts, dead } = await mailQueueOf(context.db, admin.municipality)
  return { counts, dead: dead.map((d) => ({ ...d, to: maskAddress(d.to), createdAt: d.createdAt.toISOString() })) }
}

/** An admin sends a dead letter of their own municipality again; audited. */
export async function retryDeadLetter(context: ServiceContext, admin: Actor, id: string): Promise<void> {
  await audited(context, admin, 'mail.retry', async (tx) => {
    if (!(await retryDeadMail(tx, admin.municipality, id, context.now))) throw notFound('message')
    return { result: undefined, details: { messageId: id } }
  })
}
