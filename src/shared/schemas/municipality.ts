import { z } from 'zod'
import { SlugSchema } from './common'

/** A municipality (gemeente): the tenant that owns items, officials and branding. */
export const MunicipalitySchema = z
  .object({
    slug: SlugSchema,
    name: z.string(),
    /** The region's name, as residents read it. */
    region: z.string().optional(),
    regionSlug: z.string().optional(),
    /** Neighbourhoods (wijken) residents can pick in their optional profile. */
    areas: z.array(z.string()).optional(),
  })
  .meta({ id: 'Municipality' })
export type Municipality = z.infer<typeof MunicipalitySchema>

export const MunicipalityListSchema = z.array(MunicipalitySchema)
