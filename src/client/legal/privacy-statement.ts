import type { MunicipalityProfile, PrivacyParty } from '../../shared/schemas/municipality-settings'
import type { Params } from '../i18n'
import type { ResidentMessageKey } from '../message-keys'

/**
 * The privacy statement (AVG art. 13) of one municipality, built from its public profile: who is
 * responsible, which data for which purpose on which legal basis, how long, your rights and where
 * to complain. Pure, so the rules are tested without a page; the page only puts it in words.
 * A setting the municipality has not filled in gives an honest sentence, never an empty block.
 */

/** One sentence of the statement: a text key and its values. */
export interface Sentence {
  key: ResidentMessageKey
  params?: Params
}

/** A party the municipality named (controller or FG), or the sentence that says it has not. */
export type PartyBlock = { party: PrivacyParty } | { missing: Sentence }

/** One use of data: what, why, on which legal basis (AVG art. 6) and how long. */
export interface DataUse {
  id: 'answers' | 'signup' | 'interest'
  data: Sentence
  purpose: Sentence
  basis: Sentence
  retention: Sentence[]
}

export interface PrivacyStatement {
  municipality: string
  controller: PartyBlock
  dataProtectionOfficer: PartyBlock
  uses: DataUse[]
  rights: Sentence[]
  complaint: { text: Sentence; url: string }
}

/** Where residents complain about how their data is handled: the Dutch data protection authority. */
export const AUTORITEIT_PERSOONSGEGEVENS_URL = 'https://www.autoriteitpersoonsgegevens.nl'

type StatementInput = Pick<MunicipalityProfile, 'name' | 'controller' | 'dataProtectionOfficer' | 'retention'>

const count = (n: number): Params => ({ count: n })

export function privacyStatement(profile: StatementInput): PrivacyStatement {
  const municipality = { municipality: profile.name }
  const { retention } = profile
  return {
    municipality: profile.name,
    controller: profile.controller ? { party: profile.controller } : { missing: { key: 'legal.privacy.controllerMissing', params: municipality } },
    dataProtectionOfficer: profile.dataProtectionOfficer ? { party: profile.dataProtectionOfficer } : { missing: { key: 'legal.privacy.dpoMissing', params: municipality } },
    uses: [
      {
        id: 'answers',
        data: { key: 'legal.privacy.answers.data' },
        purpose: { key: 'legal.privacy.answers.purpose' },
        basis: { key: 'legal.privacy.basis.publicTask' },
        retention: [{ key: 'legal.privacy.answers.retention', params: count(retention.answersMonths) }],
      },
      {
        id: 'signup',
        data: { key: 'legal.privacy.signup.data' },
        purpose: { key: 'legal.privacy.signup.purpose' },
        basis: { key: 'legal.privacy.basis.consent' },
        retention: [
          { key: 'legal.privacy.signup.retentionNotSelected', params: count(retention.nonSelectedDays) },
          { key: 'legal.privacy.signup.retentionMember', params: count(retention.memberDays) },
        ],
      },
      {
        id: 'interest',
        data: { key: 'legal.privacy.interest.data' },
        purpose: { key: 'legal.privacy.interest.purpose' },
        basis: { key: 'legal.privacy.basis.consent' },
        retention: [{ key: 'legal.privacy.interest.retention', params: count(retention.interestConfirmMonths) }],
      },
    ],
    rights: [
      { key: 'legal.privacy.rights.access' },
      { key: 'legal.privacy.rights.correct' },
      { key: 'legal.privacy.rights.object' },
      { key: 'legal.privacy.rights.withdraw' },
      { key: 'legal.privacy.rights.how', params: municipality },
    ],
    complaint: { text: { key: 'legal.privacy.complaint' }, url: AUTORITEIT_PERSOONSGEGEVENS_URL },
  }
}
