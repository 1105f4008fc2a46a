import { LogoInfoSchema, MunicipalityAdminSchema, VocabularySchema } from '../schemas/municipality-admin'
import { MunicipalitySettingsUpdateSchema } from '../schemas/municipality-settings'
import { OkSchema } from '../schemas/official'
import { defineRoute } from './route'

const errors = { 400: ['bad_request'], 401: ['unauthorized'], 403: ['forbidden'], 404: ['not_found'] } as const

/** An admin manages their own municipality: name, vocabulary, settings and logo (the "Gemeente" page). */
export const officialMunicipalityRoutes = {
  vocabulary: defineRoute({
    method: 'GET', path: '/official/vocabulary', summary: 'The areas and themes of my municipality, for item forms and breakdowns', tag: 'official', access: 'official',
    responses: { 200: VocabularySchema }, errors,
  }),
  ownMunicipality: defineRoute({
    method: 'GET', path: '/official/municipality', summary: 'My municipality with its settings', tag: 'admin', access: 'admin',
    responses: { 200: MunicipalityAdminSchema }, errors,
  }),
  updateOwnMunicipality: defineRoute({
    method: 'PUT', path: '/official/municipality', summary: 'Change the name, areas, themes and settings of my municipality', tag: 'admin', access: 'admin',
    body: MunicipalitySettingsUpdateSchema,
    responses: { 200: MunicipalityAdminSchema }, errors: { ...errors, 409: ['theme_in_use'] },
  }),
  replaceLogo: defineRoute({
    method: 'PUT', path: '/official/municipality/logo',
    summary: 'Upload the logo of my municipality: the raw bytes as image/svg+xml or image/png, at most 200 KiB; an SVG is rebuilt from an allowlist',
    tag: 'admin', access: 'admin',
    responses: { 200: LogoInfoSchema }, errors: { ...errors, 400: ['bad_request', 'logo_unsafe', 'logo_too_large'], 413: ['payload_too_large'], 415: ['unsupported_media_type'] },
  }),
  removeLogo: defineRoute({
    method: 'DELETE', path: '/official/municipality/logo', summary: 'Remove the logo of my municipality', tag: 'admin', access: 'admin',
    responses: { 200: OkSchema }, errors,
  }),
} as const
