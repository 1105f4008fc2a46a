import { z } from 'zod'
import { SlugSchema } from '../schemas/common'
import { MunicipalityProfileSchema } from '../schemas/municipality-settings'
import { defineRoute } from './route'

const SlugParamsSchema = z.object({ slug: SlugSchema })

/**
 * `v` is the content hash the profile puts in the URL. With the current hash the answer may be
 * cached for good; without it (or with an old one) it must be checked on every use.
 */
export const VersionQuerySchema = z.object({ v: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional() })

/** What residents read of a municipality: its public profile, its theme and its logo. */
export const municipalityProfileRoutes = {
  profile: defineRoute({
    method: 'GET', path: '/municipalities/:slug', summary: 'The public profile of a municipality: name, region, look, contact, statement data', tag: 'public', access: 'public',
    params: SlugParamsSchema,
    responses: { 200: MunicipalityProfileSchema },
    errors: { 400: ['bad_request'], 404: ['not_found'] },
  }),
  themeCss: defineRoute({
    method: 'GET', path: '/municipalities/:slug/theme.css', summary: 'The municipality\'s design tokens as CSS custom properties under its theme class', tag: 'public', access: 'public',
    params: SlugParamsSchema, query: VersionQuerySchema,
    produces: ['text/css'],
    responses: { 200: z.string() },
    errors: { 400: ['bad_request'], 404: ['not_found'] },
  }),
  logo: defineRoute({
    method: 'GET', path: '/municipalities/:slug/logo', summary: 'The municipality\'s logo (sanitised SVG or PNG), same-origin', tag: 'public', access: 'public',
    params: SlugParamsSchema, query: VersionQuerySchema,
    produces: ['image/svg+xml', 'image/png'],
    responses: { 200: z.unknown() },
    errors: { 400: ['bad_request'], 404: ['not_found'] },
  }),
} as const
