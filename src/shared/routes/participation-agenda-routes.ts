import { z } from 'zod'
import { SlugSchema } from '../schemas/common'
import { OkSchema } from '../schemas/official'
import {
  AgendaEntryChoicesSchema,
  AgendaEntryDraftSchema,
  AgendaEntryIdParamsSchema,
  AgendaEntrySchema,
  AgendaIntroSchema,
  AgendaYearParamsSchema,
  OfficialAgendaSchema,
  PublicAgendaAnswerSchema,
  PublicAgendaQuerySchema,
} from '../schemas/participation-agenda'
import { defineRoute } from './route'

const readErrors = { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'] } as const
const writeErrors = { ...readErrors, 404: ['not_found'] } as const

/**
 * The yearly participation agenda: officials and council members draft it (`member`), only an
 * official publishes it (`official`), residents read the published one (`public`).
 */
export const participationAgendaRoutes = {
  publicAgenda: defineRoute({
    method: 'GET', path: '/municipalities/:slug/agenda', summary: 'The published participation agenda of a year, with linked items and the count of linked signals', tag: 'public', access: 'public',
    params: z.object({ slug: SlugSchema }), query: PublicAgendaQuerySchema,
    responses: { 200: PublicAgendaAnswerSchema }, errors: { 400: ['bad_request'], 404: ['not_found'] },
  }),
  get: defineRoute({
    method: 'GET', path: '/official/agendas/:year', summary: 'The participation agenda of a year, drafts included', tag: 'official', access: 'member',
    params: AgendaYearParamsSchema,
    responses: { 200: OfficialAgendaSchema }, errors: readErrors,
  }),
  choices: defineRoute({
    method: 'GET', path: '/official/agenda-entries', summary: 'The agenda entries an item of this municipality can be linked to', tag: 'official', access: 'member',
    responses: { 200: AgendaEntryChoicesSchema }, errors: readErrors,
  }),
  putIntro: defineRoute({
    method: 'PUT', path: '/official/agendas/:year', summary: 'Write the introduction of a year\'s agenda (creates the agenda)', tag: 'official', access: 'member',
    params: AgendaYearParamsSchema, body: AgendaIntroSchema,
    responses: { 200: OfficialAgendaSchema }, errors: readErrors,
  }),
  addEntry: defineRoute({
    method: 'POST', path: '/official/agendas/:year/entries', summary: 'Add a topic to a year\'s agenda (creates the agenda)', tag: 'official', access: 'member',
    params: AgendaYearParamsSchema, body: AgendaEntryDraftSchema,
    responses: { 201: AgendaEntrySchema }, errors: { ...readErrors, 409: ['theme_not_in_vocabulary'] },
  }),
  updateEntry: defineRoute({
    method: 'PUT', path: '/official/agenda-entries/:id', summary: 'Change a topic of the agenda', tag: 'official', access: 'member',
    params: AgendaEntryIdParamsSchema, body: AgendaEntryDraftSchema,
    responses: { 200: AgendaEntrySchema }, errors: { ...writeErrors, 409: ['theme_not_in_vocabulary'] },
  }),
  deleteEntry: defineRoute({
    method: 'DELETE', path: '/official/agenda-entries/:id', summary: 'Remove a topic from the agenda (items and signals linked to it lose the link)', tag: 'official', access: 'member',
    params: AgendaEntryIdParamsSchema,
    responses: { 200: OkSchema }, errors: writeErrors,
  }),
  publish: defineRoute({
    method: 'POST', path: '/official/agendas/:year/publish', summary: 'Publish a year\'s agenda to residents (officials only)', tag: 'official', access: 'official',
    params: AgendaYearParamsSchema, body: z.object({}).strict().optional(),
    responses: { 200: OfficialAgendaSchema }, errors: { ...writeErrors, 409: ['agenda_empty'] },
  }),
} as const
