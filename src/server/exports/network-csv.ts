import type { NetworkMember } from '../../shared/schemas/network'
import { csvCell } from './item-export'

const BOM = '\uFEFF'
const HEADER = ['naam', 'kanaal', 'contact', 'themas', 'wijk', 'leeftijd', 'toestemming_versie', 'toestemming_op']

/**
 * The Benader mij contact list as CSV (UTF-8 with BOM, so spreadsheet programs read the accents),
 * one line per person; cells are escaped against formula injection like the input export.
 */
export function networkCsv(members: readonly NetworkMember[]): string {
  const lines = [HEADER.join(',')]
  for (const m of members) {
    lines.push([m.name, m.contact.channel, m.contact.value, m.themes.join('; '), m.area ?? '', m.ageBand, m.consentVersion, m.consentedAt].map(csvCell).join(','))
  }
  return BOM + lines.join('\r\n') + '\r\n'
}
