import { z } from 'zod'
import { SlugSchema } from './common'
import { MunicipalitySettingsSchema } from './municipality-settings'

/** The logo as the admin sees it: its type, size and content hash (the bytes are served apart). */
export const LogoInfoSchema = z
  .object({
    contentType: z.enum(['image/svg+xml', 'image/png']),
    sha256: z.string(),
    bytes: z.number().int(),
  })
  .meta({ id: 'LogoInfo' })
export type LogoInfo = z.infer<typeof LogoInfoSchema>

/** The logo types an admin may upload, and the largest size (200 KiB). */
export const LOGO_CONTENT_TYPES = ['image/svg+xml', 'image/png'] as const
export const LOGO_MAX_BYTES = 200 * 1024

/**
 * What the back office's "Gemeente" page reads: the admin's own municipality with its
 * vocabulary, every setting (defaults filled in) and its logo, if any.
 */
export const MunicipalityAdminSchema = z
  .object({
    slug: SlugSchema,
    name: z.string(),
    region: z.string().nullable(),
    areas: z.array(z.string()),
    themes: z.array(z.string()),
    settings: MunicipalitySettingsSchema,
    logo: LogoInfoSchema.nullable(),
  })
  .meta({ id: 'MunicipalityAdmin' })
export type MunicipalityAdmin = z.infer<typeof MunicipalityAdminSchema>

/** A municipality's lists of areas and themes, as every official's forms offer them. */
export const VocabularySchema = z.object({ areas: z.array(z.string()), themes: z.array(z.string()) }).meta({ id: 'Vocabulary' })
export type Vocabulary = z.infer<typeof VocabularySchema>
