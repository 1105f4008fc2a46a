import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { MunicipalityListSchema } from '../../shared/schemas/municipality'
import { listMunicipalities } from '../repos/municipality-repo'

export const municipalityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/municipalities',
    { schema: { summary: 'All municipalities', tags: ['public'], response: { 200: MunicipalityListSchema } } },
    async () => listMunicipalities(app.database.db),
  )
}
