import type { Db } from '../db/client'
import { findMunicipalityRow, settingsOf } from '../repos/municipality-repo'
import type { MailSender } from './mail-texts'

/** Who signs the mails of a municipality: its name and published contact, read when the mail goes out. */
export async function mailSenderOf(db: Db, municipality: string): Promise<MailSender> {
  return mailSenderFrom(await findMunicipalityRow(db, municipality), municipality)
}

/** The signature from a municipality row read already (`findMunicipalityRow`), so it is not read twice. */
export function mailSenderFrom(row: Awaited<ReturnType<typeof findMunicipalityRow>>, municipality: string): MailSender {
  // A municipality is never deleted while its people get mail; the slug is the last resort of a name.
  return row ? { name: row.name, contact: settingsOf(row).contact } : { name: municipality, contact: {} }
}

/**
 * `mailSenderOf` for a batch of mails: each municipality is read once, however many of the
 * batch's messages it signs (a retention run or a sign-up batch can hold many for one town).
 */
export function mailSendersOf(db: Db): (municipality: string) => Promise<MailSender> {
  const known = new Map<string, Promise<MailSender>>()
  return (municipality) => {
    let sender = known.get(municipality)
    if (!sender) known.set(municipality, (sender = mailSenderOf(db, municipality)))
    return sender
  }
}
