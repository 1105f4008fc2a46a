import { z } from 'zod'
import { ItemIdSchema } from '../schemas/item-draft'
import { SlugSchema } from '../schemas/common'
import { defineRoute } from './route'

/** QR codes of the short links, for posters at schools, youth work and community centres. */
export const shareRoutes = {
  itemQr: defineRoute({
    method: 'GET', path: '/items/:id/qr.svg', summary: "A QR code (SVG) of a published item's short link /i/ID", tag: 'public', access: 'public',
    params: ItemIdSchema,
    produces: ['image/svg+xml'],
    responses: { 200: z.unknown() }, errors: { 400: ['bad_request'], 404: ['not_found'] },
  }),
  municipalityQr: defineRoute({
    method: 'GET', path: '/municipalities/:slug/qr.svg', summary: "A QR code (SVG) of a municipality's short link /g/SLUG", tag: 'public', access: 'public',
    params: z.object({ slug: SlugSchema }),
    produces: ['image/svg+xml'],
    responses: { 200: z.unknown() }, errors: { 400: ['bad_request'], 404: ['not_found'] },
  }),
} as const
