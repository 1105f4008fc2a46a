import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { listMunicipalities } from '../repos/municipality-repo'
import { municipalityRoutes as routes } from '../../shared/routes/municipality-routes'
import { registerRoute } from './register-route'

export const municipalityRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRoute(app, routes.list,
    async () => listMunicipalities(app.database.db),
  )
}
