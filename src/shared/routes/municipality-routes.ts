import { MunicipalityListSchema } from '../schemas/municipality'
import { defineRoute } from './route'

export const municipalityRoutes = {
  list: defineRoute({
    method: 'GET', path: '/municipalities', summary: 'All municipalities', tag: 'public', access: 'public',
    responses: { 200: MunicipalityListSchema }, errors: {},
  }),
} as const
