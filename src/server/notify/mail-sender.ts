import type { Db } from '../db/client'
import { findMunicipalityRow, settingsOf } from '../repos/municipality-repo'
import type { MailSender } from './mail-texts'

/** Who signs the mails of a municipality: its name and published contact, read when the mail goes out. */
export async function mailSenderOf(db: Db, municipality: string): Promise<MailSender> {
  const row = await findMunicipalityRow(db, municipality)
  // A municipality is never deleted while its people get mail; the slug is the last resort of a name.
  return row ? { name: row.name, contact: settingsOf(row).contact } : { name: municipality, contact: {} }
}
