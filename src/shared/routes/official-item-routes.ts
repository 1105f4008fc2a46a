import { z } from 'zod'
import { ItemDraftSchema, ItemIdSchema, ManagedItemListSchema, ManagedItemSchema, PublishRequestSchema } from '../schemas/item-draft'
import { defineRoute } from './route'

const errors = {
  400: ['bad_request'],
  401: ['unauthorized'],
  403: ['forbidden'],
  404: ['not_found'],
  409: ['conflict', 'closes_at_in_past', 'feedback_due_earlier', 'feedback_due_in_past', 'feedback_delay_reason_required'],
} as const

/** Officials write, publish and close the items of their own municipality. */
export const officialItemRoutes = {
  list: defineRoute({
    method: 'GET', path: '/official/items', summary: 'All items of my municipality, drafts included (council members read them, read-only)', tag: 'official', access: 'member',
    responses: { 200: ManagedItemListSchema }, errors,
  }),
  create: defineRoute({
    method: 'POST', path: '/official/items', summary: 'Create a draft item', tag: 'official', access: 'official',
    body: ItemDraftSchema,
    responses: { 201: ManagedItemSchema }, errors: { ...errors, 409: [...errors[409], 'theme_not_in_vocabulary', 'agenda_entry_unknown', 'translation_language_not_offered'] },
  }),
  get: defineRoute({
    method: 'GET', path: '/official/items/:id', summary: 'One item of my municipality, with its feedback timeline', tag: 'official', access: 'member',
    params: ItemIdSchema,
    responses: { 200: ManagedItemSchema }, errors,
  }),
  update: defineRoute({
    method: 'PUT', path: '/official/items/:id', summary: 'Edit an item; published items keep answers intact', tag: 'official', access: 'official',
    params: ItemIdSchema, body: ItemDraftSchema,
    responses: { 200: ManagedItemSchema }, errors: { ...errors, 409: ['conflict', 'closes_at_in_past', 'feedback_due_earlier', 'feedback_due_in_past', 'feedback_delay_reason_required', 'item_kind_locked', 'questions_change_breaks_answers', 'theme_not_in_vocabulary', 'agenda_entry_unknown', 'translation_language_not_offered'] },
  }),
  publish: defineRoute({
    method: 'POST', path: '/official/items/:id/publish', summary: 'Publish an item; it opens for residents at its opening time (scheduled when in the future)', tag: 'official', access: 'official',
    params: ItemIdSchema, body: PublishRequestSchema.optional(),
    responses: { 200: ManagedItemSchema }, errors: { ...errors, 409: ['conflict', 'closes_at_in_past', 'feedback_due_earlier', 'feedback_due_in_past', 'feedback_delay_reason_required', 'item_already_published', 'item_has_no_questions', 'closing_date_passed', 'theme_not_in_vocabulary'] },
  }),
  close: defineRoute({
    method: 'POST', path: '/official/items/:id/close', summary: 'Close an open item early', tag: 'official', access: 'official',
    params: ItemIdSchema, body: z.object({}).strict().optional(),
    responses: { 200: ManagedItemSchema }, errors: { ...errors, 409: ['conflict', 'closes_at_in_past', 'feedback_due_earlier', 'feedback_due_in_past', 'feedback_delay_reason_required', 'item_not_open'] },
  }),
} as const
