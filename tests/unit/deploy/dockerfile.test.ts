import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { configSchemaKeys, DOCUMENTED_NOT_YET_IN_SCHEMA, isKnownEnvName, readRepoFile, statusesOf } from '../../support/deploy-surface'

interface Instruction {
  stage: number
  keyword: string
  args: string
}

/** The Dockerfile as instructions (continuation lines joined, comments dropped), with their stage. */
function instructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  let stage = -1
  return logical.map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/)
    if (keyword.toUpperCase() === 'FROM') stage += 1
    return { stage, keyword: keyword.toUpperCase(), args: rest.join(' ') }
  })
}

/** `ENV A=1 B="x y"` and the legacy `ENV A 1` form. */
function envNames(args: string): string[] {
  if (!args.includes('=')) return [args.split(/\s+/)[0]!]
  return [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)].map((m) => m[1]!)
}

const dockerfile = instructions(readRepoFile('Dockerfile'))
const runtimeStage = Math.max(...dockerfile.map((i) => i.stage))
const runtime = dockerfile.filter((i) => i.stage === runtimeStage)
const scripts = (JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> }).scripts

describe('Dockerfile', () => {
  it('builds in one stage and runs from a slim node 20 image in another', () => {
    const froms = dockerfile.filter((i) => i.keyword === 'FROM').map((i) => i.args)
    expect(froms.length).toBeGreaterThanOrEqual(2)
    for (const from of froms) expect(from).toMatch(/^node:20-bookworm-slim\b/)
    expect(runtime.some((i) => i.keyword === 'COPY' && i.args.includes('--from='))).toBe(true)
  })

  it('runs only npm scripts that package.json defines', () => {
    const used = dockerfile.flatMap((i) => (i.keyword === 'RUN' ? [...i.args.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!) : []))
    expect(used).toContain('build')
    for (const name of used) expect(scripts, `npm run ${name}`).toHaveProperty(name)
  })

  it('installs only production dependencies in the runtime stage', () => {
    const installs = runtime.filter((i) => i.keyword === 'RUN' && /npm (ci|install)/.test(i.args))
    expect(installs.length).toBeGreaterThan(0)
    for (const i of installs) expect(i.args).toMatch(/npm ci --omit=dev/)
  })

  it('sets only environment variables the config schema reads', () => {
    const schema = configSchemaKeys()
    const names = dockerfile.filter((i) => i.keyword === 'ENV').flatMap((i) => envNames(i.args))
    expect(names).toContain('DATA_DIR')
    for (const name of names) expect(schema.has(name), name).toBe(true)
  })

  it('runs as a numeric user that is not root', () => {
    const users = runtime.filter((i) => i.keyword === 'USER').map((i) => i.args)
    expect(users).toHaveLength(1)
    const [uid = '', gid = uid] = users[0]!.split(':')
    // Numeric, so Kubernetes can check runAsNonRoot without a passwd file in the image.
    expect(uid).toMatch(/^\d+$/)
    expect(Number(uid)).toBeGreaterThan(0)
    expect(Number(gid)).toBeGreaterThan(0)
  })

  it('keeps DATA_DIR on a volume, so the root file system can be read-only', () => {
    const env = runtime.filter((i) => i.keyword === 'ENV').map((i) => i.args).join(' ')
    const dataDir = /DATA_DIR=(\S+)/.exec(env)?.[1]
    expect(dataDir).toBe('/data')
    const volumes = runtime.filter((i) => i.keyword === 'VOLUME').map((i) => i.args).join(' ')
    expect(volumes).toContain(`"${dataDir}"`)
  })

  it('checks its health on a route the app answers 200', async () => {
    const check = runtime.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? ''
    const routes = [...check.matchAll(/(\/api\/[\w/.-]+)/g)].map((m) => m[1]!)
    expect(routes).toEqual(['/api/health/live'])
    const statuses = await statusesOf(routes)
    for (const route of routes) expect(statuses.get(route), route).toBe(200)
  })

  it('starts the compiled server with plain node, as npm run serve does once it is compiled', () => {
    const cmd = runtime.filter((i) => i.keyword === 'CMD').map((i) => JSON.parse(i.args) as string[])
    expect(cmd).toEqual([['node', 'dist/server/main.js']])
    // Until the production build lands (issue 16 item 1), `serve` still runs the sources with tsx.
    if (scripts.serve?.startsWith('node ')) expect(scripts.serve).toContain('dist/server/main.js')
  })
})

interface ComposeService {
  image?: string
  environment?: Record<string, string>
  depends_on?: Record<string, { condition?: string }>
  healthcheck?: { test?: unknown }
  volumes?: string[]
}

describe('compose.yaml', () => {
  const compose = parse(readRepoFile('compose.yaml')) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> }

  it('sets only environment variables the server reads or the contract documents', () => {
    const env = compose.services.meepraat?.environment ?? {}
    const schema = configSchemaKeys()
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['DATABASE_URL', 'SESSION_SECRET', 'DATA_DIR']))
    for (const name of Object.keys(env)) expect(isKnownEnvName(name, schema), name).toBe(true)
  })

  it('starts the app only once PostgreSQL 15 reports healthy, on a named volume', () => {
    const app = compose.services.meepraat!
    const postgres = compose.services.postgres!
    expect(app.depends_on?.postgres?.condition).toBe('service_healthy')
    expect(postgres.image).toMatch(/^postgres:15\b/)
    expect(postgres.healthcheck?.test).toBeDefined()
    const named = (postgres.volumes ?? []).map((v) => v.split(':')[0]!)
    expect(named.some((v) => v in compose.volumes)).toBe(true)
    expect(app.environment?.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//)
  })

  it('lists no name as "not yet in the schema" that the schema already reads', () => {
    const schema = configSchemaKeys()
    expect([...DOCUMENTED_NOT_YET_IN_SCHEMA].filter((n) => schema.has(n))).toEqual([])
  })
})
