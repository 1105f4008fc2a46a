import { parseArgs } from 'node:util'
import type { z } from 'zod'
import { loadConfig } from '../config'
import { openDatabase } from '../db/open'
import { DomainError } from '../errors'
import { createMunicipality, createRegion, NewMunicipalitySchema, NewRegionSchema } from '../services/municipality-service'
import { say, type CliText } from './cli-language'
import { fail } from './command-error'

/**
 * `create-region` and `create-municipality`: how an operator adds a real municipality, through
 * the same service the demo seed uses. Every refusal is one sentence in the operator's language.
 */

const list = (value: string | undefined) => (value === undefined ? undefined : value.split(',').map((v) => v.trim()).filter((v) => v.length > 0))

/** What to say about the first invalid option, named as the operator typed it. */
function optionProblem(error: z.ZodError): CliText {
  const issue = error.issues[0]
  const option = `--${String(issue?.path[0] ?? '')}`
  if (option === '--slug') return { nl: '--slug: gebruik kleine letters, cijfers en streepjes (2 tot 64 tekens), bijvoorbeeld haarlem of sint-michielsgestel', en: '--slug: use lowercase letters, digits and dashes (2 to 64 characters), e.g. haarlem or sint-michielsgestel' }
  if (option === '--name') return { nl: '--name: geef een naam van 2 tot 100 tekens', en: '--name: give a name of 2 to 100 characters' }
  if (option === '--region') return { nl: '--region: geef de slug van een regio, bijvoorbeeld ijmond', en: '--region: give the slug of a region, e.g. ijmond' }
  if (option === '--areas' || option === '--themes')
    return { nl: `${option}: geef namen van 2 tot 60 tekens, gescheiden door komma's, elke naam één keer`, en: `${option}: give names of 2 to 60 characters, separated by commas, each name once` }
  return { nl: `${option}: ${issue?.message ?? 'ongeldig'}`, en: `${option}: ${issue?.message ?? 'invalid'}` }
}

/** The refusals of the service, in the operator's words. */
function refusal(error: unknown, slug: string, region?: string): never {
  if (error instanceof DomainError) {
    if (error.code === 'municipality_exists') fail(say({ nl: `Er is al een gemeente met slug ${slug}.`, en: `A municipality with slug ${slug} exists already.` }))
    if (error.code === 'region_exists') fail(say({ nl: `Er is al een regio met slug ${slug}.`, en: `A region with slug ${slug} exists already.` }))
    if (error.code === 'region_unknown')
      fail(say({ nl: `Onbekende regio: ${region}. Maak hem eerst met create-region --slug ${region} --name NAAM.`, en: `Unknown region: ${region}. Create it first with create-region --slug ${region} --name NAME.` }))
  }
  throw error
}

async function withDatabase(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<void>): Promise<void> {
  // Never seed demo content as a side effect of an admin command.
  const database = await openDatabase({ ...loadConfig(), demo: false }, 'admin command')
  try {
    await work(database.db)
  } finally {
    await database.close()
  }
}

/** `create-region --slug SLUG --name NAME` */
export async function createRegionCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { slug: { type: 'string' }, name: { type: 'string' } }, strict: true })
  const parsed = NewRegionSchema.safeParse({ slug: values.slug ?? '', name: values.name ?? '' })
  if (!parsed.success) fail(say(optionProblem(parsed.error)))
  await withDatabase(async (db) => {
    await createRegion(db, parsed.data, 'cli', new Date()).catch((e: unknown) => refusal(e, parsed.data.slug))
  })
  console.log(say({ nl: `Regio ${parsed.data.name} (${parsed.data.slug}) gemaakt.`, en: `Created region ${parsed.data.name} (${parsed.data.slug}).` }))
}

/** `create-municipality --slug SLUG --name NAME [--region SLUG] [--areas A,B] [--themes T,U]` */
export async function createMunicipalityCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { slug: { type: 'string' }, name: { type: 'string' }, region: { type: 'string' }, areas: { type: 'string' }, themes: { type: 'string' } },
    strict: true,
  })
  const input = { slug: values.slug ?? '', name: values.name ?? '', region: values.region, areas: list(values.areas), themes: list(values.themes) }
  const parsed = NewMunicipalitySchema.safeParse(input)
  if (!parsed.success) fail(say(optionProblem(parsed.error)))
  const m = parsed.data
  await withDatabase(async (db) => {
    await createMunicipality(db, m, 'cli', new Date()).catch((e: unknown) => refusal(e, m.slug, m.region))
  })
  console.log(
    say({
      nl: `Gemeente ${m.name} (${m.slug}) gemaakt${m.region ? ` in regio ${m.region}` : ''}, met ${m.areas.length} wijken en de thema's: ${m.themes.join(', ')}. Maak nu een beheerder met create-official --municipality ${m.slug} --role admin.`,
      en: `Created municipality ${m.name} (${m.slug})${m.region ? ` in region ${m.region}` : ''}, with ${m.areas.length} areas and the themes: ${m.themes.join(', ')}. Now create an admin with create-official --municipality ${m.slug} --role admin.`,
    }),
  )
}
