/**
 * Fuzz campaign (`npm run fuzz`): a real server process on a fresh embedded DATA_DIR with demo
 * content, and FUZZ_REQUESTS (default 12,000) malformed requests over every route in
 * /api/openapi.json: wrong types, huge and odd strings (NUL, lone surrogates), deep nesting, bad
 * JSON, wrong content types, odd URLs and methods, and raw-socket bad framing. Part of them carry a
 * signed-in official's cookie and CSRF token so the official handlers are reached too.
 *
 * Prints the count per status, every error body not in the contract's shape, the server's RSS at
 * start and end; exits 1 on any 5xx, any wrong error body, or a dead server. Deterministic for
 * one FUZZ_SEED (the requests; the answers may differ a little with timing, e.g. rate limits).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../src/server/db/open'
import { problemShape, serverProcess, type ServerProcess } from './lib/support'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const SEED = Number(process.env.FUZZ_SEED ?? 9)
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 12_000)
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 8)
const OFFICIAL = { email: 'fuzz-admin@beverwijk.nl', password: 'fuzzen-met-lange-zinnen-2026' }

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const random = mulberry32(SEED)
const int = (n: number) => Math.floor(random() * n)
const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T
const chance = (p: number) => random() < p
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('')
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`
const b64url = (n: number) => Array.from({ length: n }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[int(64)]).join('')
const address = () => `${1 + int(223)}.${int(256)}.${int(256)}.${1 + int(254)}`

// ---------------------------------------------------------------------------------------------
// Nasty values

const NASTY_STRINGS: (() => string)[] = [
  () => '',
  () => '\u0000',
  () => `a\u0000b`,
  () => '\ud800',
  () => 'x\udfffy',
  () => '\ud83d',
  () => '😀'.repeat(1 + int(200)),
  () => 'x'.repeat(1000 + int(5000)),
  () => 'y'.repeat(40_000 + int(30_000)),
  () => '\u202e\u200b\ufeff',
  () => '<script>alert(1)</script>',
  () => "' or 1=1 --",
  () => '%00%ZZ',
  () => '0000-01-01T00:00:00Z',
  () => '9999-12-31T23:59:59.999Z',
  () => '+275760-09-13T00:00:00.000Z',
  () => '2026-02-30T25:61:00Z',
  () => 'NaN',
  () => '__proto__',
  () => uuid().toUpperCase(),
  () => ' '.repeat(int(50)),
  () => '\r\n\t',
  () => 'é'.normalize('NFD').repeat(100),
]
const NASTY_VALUES: (() => unknown)[] = [
  ...NASTY_STRINGS,
  () => null,
  () => true,
  () => 0,
  () => -1,
  () => 1.5,
  () => 2 ** 53 + 1,
  () => -(2 ** 63),
  () => 1e308,
  () => [],
  () => [null],
  () => ({}),
  () => ({ __proto__: { polluted: 1 }, constructor: { prototype: { x: 1 } } }),
  () => Array.from({ length: 1000 + int(2000) }, (_, i) => i),
  () => Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
  () => deep(50 + int(200)),
]

function deep(levels: number): unknown {
  let v: unknown = 'bottom'
  for (let i = 0; i < levels; i++) v = chance(0.5) ? [v] : { a: v }
  return v
}

// ---------------------------------------------------------------------------------------------
// Values from the OpenAPI schemas

type Schema = Record<string, unknown>
let components: Record<string, Schema> = {}
let itemIds: string[] = []
interface DemoQuestion {
  id: string
  type: string
  options?: { id: string }[]
  rows?: { id: string }[]
  min?: number
  max?: number
}
let demoItems: { id: string; questions: DemoQuestion[] }[] = []

/** A submission the schemas accept for a real demo item, so poison in it reaches the handler. */
function validSubmission(): unknown {
  const item = pick(demoItems)
  const answers: Record<string, unknown> = {}
  for (const q of item.questions) {
    const options = (q.options ?? []).map((o) => o.id)
    if (q.type === 'single') answers[q.id] = pick(options)
    else if (q.type === 'multiple') answers[q.id] = options.slice(0, 1)
    else if (q.type === 'ranking') answers[q.id] = options
    else if (q.type === 'scale') answers[q.id] = q.min ?? 1
    else if (q.type === 'matrix') answers[q.id] = Object.fromEntries((q.rows ?? []).map((r) => [r.id, q.min ?? 1]))
    else answers[q.id] = 'een gewoon antwoord'
  }
  return {
    submissions: [{ id: uuid(), itemId: item.id, deviceId: b64url(24), answeredAt: new Date().toISOString(), answers, ...(chance(0.5) ? { profile: { area: 'Centrum' } } : {}) }],
  }
}

function resolve(schema: Schema | undefined): Schema {
  let s = schema ?? {}
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) s = components[(s.$ref as string).split('/').pop() ?? ''] ?? {}
  return s
}

function sample(schemaIn: Schema | undefined, depth = 0, key = ''): unknown {
  const schema = resolve(schemaIn)
  if (depth > 8) return null
  const choices = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined
  if (choices?.length) return sample(pick(choices), depth + 1, key)
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...(schema.allOf as Schema[]).map((s) => sample(s, depth + 1, key)))
  if ('const' in schema) return schema.const
  if (Array.isArray(schema.enum)) return pick(schema.enum as unknown[])
  const type = Array.isArray(schema.type) ? pick(schema.type as string[]) : (schema.type as string | undefined)
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      const props = (schema.properties ?? {}) as Record<string, Schema>
      const required = new Set((schema.required ?? []) as string[])
      for (const [name, prop] of Object.entries(props)) if (required.has(name) || chance(0.5)) out[name] = sample(prop, depth + 1, name)
      if (typeof schema.additionalProperties === 'object') out[`k${int(5)}`] = sample(schema.additionalProperties as Schema, depth + 1)
      return out
    }
    case 'array':
      return Array.from({ length: int(3) + ((schema.minItems as number | undefined) ?? 0) }, () => sample(schema.items as Schema, depth + 1, key))
    case 'integer':
    case 'number': {
      const min = (schema.minimum as number | undefined) ?? 0
      const max = (schema.maximum as number | undefined) ?? min + 10
      return type === 'integer' ? min + int(Math.max(1, max - min + 1)) : min + random() * (max - min)
    }
    case 'boolean':
      return chance(0.5)
    case 'null':
      return null
    case 'string': {
      if (schema.format === 'uuid') return /item/i.test(key) && itemIds.length ? pick(itemIds) : uuid()
      if (schema.format === 'date-time') return new Date(Date.UTC(2026, int(12), 1 + int(28), int(24))).toISOString()
      if (schema.format === 'date') return `2026-0${1 + int(9)}-1${int(9)}`
      if (schema.format === 'email') return `fuzz${int(1000)}@example.nl`
      if (schema.format === 'uri') return 'https://example.nl/besluit'
      if (/deviceId/i.test(key)) return b64url(22 + int(10))
      if (/municipality|slug/i.test(key)) return pick(['beverwijk', 'heemskerk', 'velsen', 'westervoort', 'atlantis'])
      const min = (schema.minLength as number | undefined) ?? 1
      return 'tekst '.repeat(Math.ceil(min / 6) + int(3)).slice(0, Math.max(min, 5))
    }
    default:
      return chance(0.5) ? 'x' : {}
  }
}

const POISON_STRINGS: (() => string)[] = [
  () => `tekst\u0000${int(10)}`,
  () => `\ud800${int(10)}`,
  () => `x\udc00`,
  () => '0000-01-01T00:00:00.000Z',
  () => '9999-12-31T23:59:59.999Z',
  () => '1900-01-01T00:00:00.000Z',
]

/** Keeps the shape and types but puts NUL, a lone surrogate or an odd year into one string. */
function poisonString(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    const poison = pick(POISON_STRINGS)()
    return /^\d{4}-\d\d-\d\dT/.test(value) && chance(0.6) ? pick(POISON_STRINGS.slice(3))() : chance(0.5) ? value + poison : poison
  }
  if (depth > 8 || value === null || typeof value !== 'object') return value
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value)
  const strings = entries.filter(([, v]) => typeof v === 'string' || (typeof v === 'object' && v !== null))
  if (strings.length === 0) return value
  const [k, v] = pick(strings)
  if (Array.isArray(value)) {
    const copy: unknown[] = [...value]
    copy[k as number] = poisonString(v, depth + 1)
    return copy
  }
  return { ...(value as Record<string, unknown>), [k]: poisonString(v, depth + 1) }
}

/** Replaces one random spot of `value` with a nasty value. */
function mutate(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object' || chance(0.25)) return pick(NASTY_VALUES)()
  if (Array.isArray(value)) {
    if (value.length === 0) return [pick(NASTY_VALUES)()]
    const copy = [...value]
    const i = int(copy.length)
    copy[i] = mutate(copy[i], depth + 1)
    return copy
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  const keys = Object.keys(copy)
  if (keys.length === 0 || chance(0.15)) {
    copy[pick(['__proto__', 'constructor', 'extra', '\u0000', '\ud800', ''])] = pick(NASTY_VALUES)()
    return copy
  }
  const k = pick(keys)
  if (chance(0.15)) delete copy[k]
  else copy[k] = mutate(copy[k], depth + 1)
  return copy
}

// ---------------------------------------------------------------------------------------------
// Requests

interface Operation {
  method: string
  path: string
  params: { name: string; in: string; schema?: Schema }[]
  body: Schema | undefined
  official: boolean
}

interface FuzzRequest {
  method: string
  path: string
  headers: Record<string, string>
  body?: Buffer
  label: string
}

interface Session {
  cookie: string
  csrf: string
}

const PARAM_VALUES: (() => string)[] = [
  () => (itemIds.length ? pick(itemIds) : uuid()),
  () => uuid(),
  () => 'x',
  () => '0',
  () => '-1',
  () => '1e309',
  () => '999999999999999',
  () => 'a'.repeat(90 + int(20)),
  () => 'a'.repeat(2000),
  () => '%00',
  () => 'a%00b',
  () => '%ED%A0%80',
  () => '%ZZ',
  () => '%',
  () => '..%2F..%2Fetc%2Fpasswd',
  () => encodeURIComponent('😀'),
  () => encodeURIComponent(' '),
  () => '%C0%AF',
  () => 'beverwijk',
  () => encodeURIComponent(b64url(22)),
]

const QUERY_VALUES: (() => string)[] = [
  ...PARAM_VALUES,
  () => 'beverwijk',
  () => 'poll',
  () => '2026',
  () => '2026-01-01T00:00:00Z',
  () => '0000-01-01',
  () => '',
]

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json, text/html',
  'application/problem+json',
  ';;;',
  'application/vnd.api+json',
]

const ODD_METHODS = ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND', 'PURGE', 'M-SEARCH', 'MKCOL', 'SEARCH', 'BREW', 'get', 'TRACE']

function fillPath(op: Operation, mutateParams: boolean): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (!mutateParams) return /slug|municipality/i.test(name) ? 'beverwijk' : itemIds.length && chance(0.7) ? pick(itemIds) : uuid()
    return pick(PARAM_VALUES)()
  })
}

function queryFor(op: Operation, mutateQuery: boolean): string {
  const query = op.params.filter((p) => p.in === 'query')
  const parts: string[] = []
  for (const q of query) {
    if (!mutateQuery && chance(0.3)) continue
    const value = mutateQuery ? pick(QUERY_VALUES)() : String(sample(q.schema, 0, q.name))
    parts.push(`${encodeURIComponent(q.name)}=${mutateQuery ? value : encodeURIComponent(value)}`)
  }
  if (mutateQuery && chance(0.3)) parts.push(pick(['a=1&a=2', '%ZZ=1', 'since', '__proto__[x]=1', `big=${'q'.repeat(8000)}`, 'x[]=1&x[]=2', `&&&`]))
  return parts.length ? `?${parts.join('&')}` : ''
}

function bodyFor(op: Operation): { body: Buffer; label: string } {
  const kind = int(16)
  const base = op.path === '/api/submissions' && demoItems.length > 0 && chance(0.6) ? validSubmission() : op.body ? sample(op.body) : {}
  const json = (v: unknown) => Buffer.from(JSON.stringify(v))
  switch (kind) {
    case 0:
      return { body: json(base), label: 'sample' }
    case 1:
      return { body: Buffer.from(JSON.stringify(base).slice(0, -1 - int(5))), label: 'truncated-json' }
    case 2:
      return { body: Buffer.from(pick(['{', '[', '{"a":}', "{'a':1}", '{"a":1,}', 'NaN', '\ufeff{}', '{"a":1}{"b":2}', '{"a":"\\x00"}', '{"a":"\\ud800"}', '{"__proto__":{"x":1}}', '1e99999', 'null', '"str"', '[]', '0'])), label: 'bad-or-odd-json' }
    case 3: {
      const n = 2000 + int(20000)
      return { body: Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`), label: 'deep-array-text' }
    }
    case 4: {
      const n = 2000 + int(5000)
      return { body: Buffer.from(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`), label: 'deep-object-text' }
    }
    case 5:
      return { body: Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80, 0x7b, 0x00, 0x7d]), label: 'invalid-utf8' }
    case 6:
      return { body: json({ ...(base as object), pad: 'p'.repeat(70_000 + int(300_000)) }), label: 'too-large' }
    case 7: {
      const text = JSON.stringify(base)
      return { body: Buffer.from(text.startsWith('{') && text.length > 2 ? `{"dup":1,"dup":2,${text.slice(1)}` : text), label: 'duplicate-keys' }
    }
    case 8:
    case 9:
    case 10:
      return { body: json(poisonString(base)), label: 'poisoned-string' }
    default:
      return { body: json(mutate(base)), label: 'mutated' }
  }
}

function buildRequest(op: Operation, session: Session | undefined): FuzzRequest {
  const roll = int(10)
  const useSession = session !== undefined && (op.official ? chance(0.85) : chance(0.2))
  const headers: Record<string, string> = { 'x-forwarded-for': address(), connection: 'keep-alive' }
  if (useSession) {
    headers.cookie = session.cookie
    if (chance(0.9)) headers['x-csrf-token'] = session.csrf
  }
  if (chance(0.5)) headers.authorization = pick([`Device ${b64url(22 + int(20))}`, `Device ${b64url(int(21))}`, 'Device ', 'Bearer x', `Device ${'\u00e9'.repeat(30)}`, `Device ${b64url(22)}%00`])
  if (chance(0.05)) headers.origin = pick(['https://evil.example', 'null', 'http://127.0.0.1'])
  let method = op.method
  let url = `${fillPath(op, roll === 1 || roll === 2)}${queryFor(op, roll === 3)}`
  let label = `${op.method} ${op.path}`
  if (roll === 4) {
    method = pick(ODD_METHODS)
    label = `${method}(odd) ${op.path}`
  }
  if (roll === 5) {
    url = pick([
      () => `/${url}`,
      () => `${url}/`,
      () => url.toUpperCase(),
      () => `${url};jsessionid=x`,
      () => url.replace('/api/', '/api/../api/'),
      () => url.replace('/api/', '/api/%2e%2e/'),
      () => url.replace('/api/', '/api/v1/'),
      () => `${url}${url.includes('?') ? '&' : '?'}${'z'.repeat(20_000)}`,
      () => `${url}%`,
      () => `/api/${'seg/'.repeat(300)}`,
      () => `/${'x'.repeat(int(100))}.${pick(['js', 'png', 'map', 'php', 'env'])}`,
    ])()
    label = `odd-url ${op.path}`
  }
  let body: Buffer | undefined
  const sendsBody = op.body !== undefined || chance(0.2)
  if (sendsBody && method !== 'GET' && method !== 'HEAD') {
    const b = bodyFor(op)
    body = b.body
    label += ` [${b.label}]`
    headers['content-type'] = roll === 6 ? pick(CONTENT_TYPES) : 'application/json'
    if (roll === 6) label += ` ct=${headers['content-type']}`
    if (roll === 7 && chance(0.5)) delete headers['content-type']
  }
  return { method, path: url, headers, body, label }
}

// ---------------------------------------------------------------------------------------------
// Sending

interface Answer {
  status: number
  contentType: string | undefined
  text: string
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })

function send(server: ServerProcess, r: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: r.method, path: r.path, headers: { ...r.headers, ...(r.body ? { 'content-length': String(r.body.length) } : {}) }, agent },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (d: Buffer) => chunks.push(d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.setTimeout(60_000, () => req.destroy(new Error('no answer within 60 s')))
    req.on('error', reject)
    // The server may answer (413, 415) and close before the whole body is written: that is fine.
    req.end(r.body)
  })
}

/** Raw bytes on a fresh connection; the answer is read until the server closes it. */
function sendRaw(server: ServerProcess, bytes: Buffer): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1')
    const chunks: Buffer[] = []
    const timer = setTimeout(() => socket.destroy(), 20_000)
    socket.on('data', (d: Buffer) => chunks.push(d))
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearTimeout(timer)
      try {
        resolve(parseResponses(Buffer.concat(chunks)))
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    })
    socket.write(bytes, () => socket.end())
  })
}

function parseResponses(data: Buffer): Answer[] {
  const answers: Answer[] = []
  let rest = data
  while (rest.length > 0) {
    const headEnd = rest.indexOf('\r\n\r\n')
    if (headEnd < 0) break
    const head = rest.subarray(0, headEnd).toString('latin1').split('\r\n')
    const status = Number(head[0]?.split(' ')[1])
    const headers = Object.fromEntries(head.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
    let body = rest.subarray(headEnd + 4)
    // An interim answer (100 Continue) has no body; the real answer follows.
    if (status >= 100 && status < 200) {
      rest = body
      continue
    }
    if (headers['transfer-encoding'] === 'chunked') {
      const parts: Buffer[] = []
      let at = 0
      for (;;) {
        const lineEnd = body.indexOf('\r\n', at)
        if (lineEnd < 0) break
        const size = parseInt(body.subarray(at, lineEnd).toString(), 16)
        if (!size) {
          at = lineEnd + 4
          break
        }
        parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size))
        at = lineEnd + 2 + size + 2
      }
      answers.push({ status, contentType: headers['content-type'], text: Buffer.concat(parts).toString('utf8') })
      rest = body.subarray(at)
    } else {
      const length = Number(headers['content-length'] ?? body.length)
      answers.push({ status, contentType: headers['content-type'], text: body.subarray(0, length).toString('utf8') })
      rest = body.subarray(length)
    }
    body = Buffer.alloc(0)
  }
  return answers
}

const RAW_CASES: (() => string | Buffer)[] = [
  () => `GET /api/items\u0000 HTTP/1.1\r\nHost: x\r\n\r\n`,
  () => `GET /api/items?municipality=bever\u0000wijk HTTP/1.1\r\nHost: x\r\n\r\n`,
  () => `GET /api/it ems HTTP/1.1\r\nHost: x\r\n\r\n`,
  () => `GET /api/items#frag HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
  () => `GET /api/items/${'%ZZ'} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
  () => `POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
  () => `POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!`,
  () => `POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
  () => `POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
  () => `POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}`,
  () => `POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999999999999\r\n\r\n{}`,
  () => `POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}GARBAGE / HTTP/1.1\r\n\r\n`,
  () => `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Bad\u0000: 1\r\n\r\n`,
  () => `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Val: a\u0000b\r\n\r\n`,
  () => `GET /api/health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n`,
  () => `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Fold: a\r\n  folded\r\n\r\n`,
  () => `GET /api/health HTTP/1.1\nHost: x\nConnection: close\n\n`,
  () => `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
  () => `GET /api/${'l'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
  () => `GET /api/health HTTP/9.9\r\nHost: x\r\n\r\n`,
  () => `GET /api/health HTTP/1.1\rHost: x\r\n\r\n`,
  () => `GET /\r\n\r\n`,
  () => `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`,
  () => `BREW /api/items HTTP/1.1\r\nHost: x\r\n\r\n`,
  () => `G\u00c9T /api/items HTTP/1.1\r\nHost: x\r\n\r\n`,
  // Only empty lines: no request at all, so no answer either.
  () => `\r\n\r\n\r\n`,
  () => Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]),
  () => `GET /api/health HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n`,
  () => `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 10\r\nConnection: close\r\n\r\n{"a":"\u0000"}`,
  () => `GET ${'/'.repeat(1 + int(3))}api/items HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
  () => `OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
  () => `CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\n\r\n`,
  () => `GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`,
  () => `GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n`,
  () => `GET http://evil.example/api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
  () => `POST /api/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${'1\r\n[\r\n'.repeat(200)}0\r\n\r\n`,
]

/** Raw cases that hold no request, so the right answer is none. */
const RAW_SILENT = new Set([RAW_CASES.findIndex((c) => c() === '\r\n\r\n\r\n')])

// ---------------------------------------------------------------------------------------------

function rssKiB(pid: number | undefined): number {
  if (!pid) return 0
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
}

async function jsonGet(server: ServerProcess, url: string): Promise<unknown> {
  const res = await fetch(`${server.url}${url}`)
  if (!res.ok) throw new Error(`${url}: ${res.status}`)
  return res.json()
}

async function login(server: ServerProcess): Promise<Session> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.1' }, body: JSON.stringify(OFFICIAL) })
  if (res.status !== 200) throw new Error(`official sign-in failed: ${res.status} ${await res.text()}`)
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken }
}

function operationsOf(spec: { servers?: { url: string }[]; paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema?: Schema }> } }>> }): Operation[] {
  const ops: Operation[] = []
  // Paths are relative to the document's server (/api/v1).
  const base = spec.servers?.[0]?.url ?? ''
  for (const [relative, methods] of Object.entries(spec.paths)) {
    const p = `${base}${relative}`
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      ops.push({
        method: method.toUpperCase(),
        path: p,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema ?? (op.requestBody ? {} : undefined),
        official: p.includes('/official') || p.includes('/auth/me'),
      })
    }
  }
  return ops
}

async function main(): Promise<void> {
  const started = Date.now()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'meepraat-fuzz-'))
  let server: ServerProcess | undefined
  try {
    const { problemShapeFault } = await problemShape()
    const { startServerProcess } = await serverProcess()
    // Demo content and the account exist before the server opens the embedded database (one
    // process at a time).
    const seeded = await openDatabase({ databaseUrl: undefined, dataDir, demo: true })
    await seeded.close()
    const created = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli/admin.ts', 'create-official', '--email', OFFICIAL.email, '--password', OFFICIAL.password, '--municipality', 'beverwijk', '--role', 'admin'], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: dataDir, DEMO: '1', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    })
    if (created.status !== 0) throw new Error(`create-official failed: ${created.stderr || created.stdout}`)
    // TRUST_PROXY=1 with a made-up X-Forwarded-For per request spreads the per-address rate limits,
    // so most requests reach the handlers instead of a 429.
    server = await startServerProcess({ DATA_DIR: dataDir, DEMO: '1', TRUST_PROXY: '1', LOG_LEVEL: 'error' })
    const rssStart = rssKiB(server.child.pid)
    const spec = (await jsonGet(server, '/api/openapi.json')) as Parameters<typeof operationsOf>[0] & { components?: { schemas?: Record<string, Schema> } }
    components = spec.components?.schemas ?? {}
    const ops = operationsOf(spec)
    const items = (await jsonGet(server, '/api/items?municipality=beverwijk')) as { items: { id: string }[] }
    itemIds = items.items.map((i) => i.id)
    demoItems = (items.items as unknown as { id: string; questions?: DemoQuestion[] }[]).map((i) => ({ id: i.id, questions: i.questions ?? [] }))
    let session = await login(server)

    const statusCounts = new Map<number, number>()
    const faults: string[] = []
    const serverErrors = new Map<string, number>()
    const serverErrorExample = new Map<string, string>()
    const transportErrors = new Map<string, number>()
    let shapeFaults = 0
    const perRoute = new Map<string, number>()
    const record = (label: string, answer: Answer, method: string, example = '') => {
      statusCounts.set(answer.status, (statusCounts.get(answer.status) ?? 0) + 1)
      if (answer.status >= 500) {
        const key = `${answer.status} ${label}`
        serverErrors.set(key, (serverErrors.get(key) ?? 0) + 1)
        if (!serverErrorExample.has(key)) serverErrorExample.set(key, example)
      }
      if (answer.status >= 400 && method !== 'HEAD') {
        const fault = problemShapeFault(answer.status, answer.contentType, answer.text)
        if (fault) {
          shapeFaults++
          if (faults.length < 30) faults.push(`${answer.status} ${label}: ${fault}: ${answer.text.slice(0, 160)}`)
        }
      }
    }

    // Every route gets its share; the order of routes and mutations comes from the seed.
    const requests: FuzzRequest[] = []
    for (let i = 0; i < TOTAL; i++) {
      const op = ops[i % ops.length] as Operation
      perRoute.set(`${op.method} ${op.path}`, (perRoute.get(`${op.method} ${op.path}`) ?? 0) + 1)
      const r = buildRequest(op, session)
      // Signing out would end the fuzzer's own session; that route gets no session.
      if (op.path.endsWith('/auth/logout')) delete r.headers.cookie
      requests.push(r)
    }
    let next = 0
    let done = 0
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++] as FuzzRequest
        try {
          const answer = await send(server!, r)
          record(r.label, answer, r.method, `${r.method} ${r.path.slice(0, 200)} ${r.body?.toString('utf8').slice(0, 300) ?? ''}`)
        } catch (error) {
          const key = `${(error as NodeJS.ErrnoException).code ?? (error as Error).message} ${r.label.split(' [')[0]}`
          transportErrors.set(key, (transportErrors.get(key) ?? 0) + 1)
        }
        done++
        if (done % 2000 === 0) {
          process.stdout.write(`  ${done}/${requests.length} requests\n`)
          // A fuzzed admin route may have ended the session (e.g. role change): sign in again.
          const me = await fetch(`${server!.url}/api/auth/me`, { headers: { cookie: session.cookie } })
          if (me.status === 401) session = await login(server!)
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))

    let rawSent = 0
    for (let round = 0; round < 8; round++) {
      await Promise.all(
        RAW_CASES.map(async (make, i) => {
          const bytes = make()
          const answers = await sendRaw(server!, Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8'))
          rawSent++
          if (answers.length === 0 && !RAW_SILENT.has(i)) transportErrors.set(`raw case ${i}: closed without an answer`, (transportErrors.get(`raw case ${i}: closed without an answer`) ?? 0) + 1)
          for (const a of answers) record(`raw case ${i}`, a, 'RAW')
        }),
      )
    }

    const health = await fetch(`${server.url}/api/health`).then((r) => r.status, () => 0)
    const alive = server.child.exitCode === null && health === 200
    const rssEnd = rssKiB(server.child.pid)
    const fiveHundreds = [...statusCounts].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0)

    console.log(`\nFuzz campaign, seed ${SEED}: ${requests.length} HTTP requests over ${ops.length} operations (${perRoute.size} routes), ${rawSent} raw-socket requests, ${((Date.now() - started) / 1000).toFixed(0)} s`)
    console.log('status  count')
    for (const [status, count] of [...statusCounts].sort((a, b) => a[0] - b[0])) console.log(`${String(status).padEnd(7)} ${count}`)
    console.log(`error bodies not in the contract's shape: ${shapeFaults}`)
    for (const f of faults) console.log(`  ${f}`)
    console.log(`responses >= 500: ${fiveHundreds}`)
    for (const [key, count] of [...serverErrors].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
      console.log(`  ${count} x ${key}`)
      console.log(`      e.g. ${JSON.stringify(serverErrorExample.get(key))}`)
    }
    if (transportErrors.size > 0) {
      console.log(`requests without an HTTP answer (connection closed or reset), by kind:`)
      for (const [key, count] of [...transportErrors].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${count} x ${key}`)
    }
    console.log(`server RSS: ${(rssStart / 1024).toFixed(0)} MiB at start, ${(rssEnd / 1024).toFixed(0)} MiB at the end; server ${alive ? 'up' : 'DOWN'}`)
    if (!alive) console.log(server.output().slice(-4000))
    process.exitCode = fiveHundreds > 0 || shapeFaults > 0 || !alive ? 1 : 0
  } finally {
    agent.destroy()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
