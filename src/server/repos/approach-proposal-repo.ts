import { asc, eq } from 'drizzle-orm'
import type { ApproachProposal, ApproachProposalInput } from '../../shared/schemas/advice'
import type { Db } from '../db/client'
import { approachProposals } from '../db/schema'

type Row = typeof approachProposals.$inferSelect

const view = (r: Row): ApproachProposal => ({
  id: r.id,
  agendaEntryId: r.agendaEntryId,
  forms: r.forms as ApproachProposal['forms'],
  ladder: r.ladder,
  reach: r.reach,
  createdAt: r.createdAt.toISOString(),
})

export async function insertApproachProposal(tx: Db, input: { agendaEntryId: string; authorId: string; proposal: ApproachProposalInput }, now: Date): Promise<ApproachProposal> {
  const [row] = await tx
    .insert(approachProposals)
    .values({ agendaEntryId: input.agendaEntryId, authorId: input.authorId, ...input.proposal, createdAt: now })
    .returning()
  return view(row!)
}

export async function approachProposalsOf(db: Db, agendaEntryId: string): Promise<ApproachProposal[]> {
  const rows = await db.select().from(approachProposals).where(eq(approachProposals.agendaEntryId, agendaEntryId)).orderBy(asc(approachProposals.createdAt))
  return rows.map(view)
}
