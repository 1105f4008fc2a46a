import { ItemIdParamsSchema, ItemListQuerySchema, ItemListSchema, ItemSchema } from '../schemas/item'
import { PublicResultsSchema } from '../schemas/results'
import { defineRoute } from './route'

/** Published items, as residents read them. */
export const itemRoutes = {
  list: defineRoute({
    method: 'GET', path: '/items', summary: 'Published items of a municipality; with `since`, only those changed after the cursor', tag: 'public', access: 'public',
    query: ItemListQuerySchema,
    responses: { 200: ItemListSchema },
    errors: { 400: ['bad_request'], 404: ['not_found'] },
  }),
  get: defineRoute({
    method: 'GET', path: '/items/:id', summary: 'One published item', tag: 'public', access: 'public',
    params: ItemIdParamsSchema,
    responses: { 200: ItemSchema },
    errors: { 400: ['bad_request'], 404: ['not_found'] },
  }),
  results: defineRoute({
    method: 'GET', path: '/items/:id/results', summary: 'Results of an item, when the item lets residents see them; counts only from the municipality\'s minimum number of devices (at least 5)', tag: 'public', access: 'public',
    params: ItemIdParamsSchema,
    responses: { 200: PublicResultsSchema },
    errors: { 400: ['bad_request'], 403: ['results_not_public'], 404: ['not_found'] },
  }),
} as const
