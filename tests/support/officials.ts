import type { FastifyInstance } from 'fastify'
import { hashPassword } from '../../src/server/auth/passwords'
import { codeAt } from '../../src/server/auth/totp'
import type { Db } from '../../src/server/db/client'
import { insertOfficial } from '../../src/server/repos/official-repo'
import type { OfficialRole } from '../../src/shared/schemas/official'

export const TEST_PASSWORD = 'lange-zin-om-te-onthouden'

/** One hash per password per worker: a real argon2id hash, without paying for it per official. */
const hashes = new Map<string, Promise<string>>()
function hashOnce(password: string): Promise<string> {
  let hashed = hashes.get(password)
  if (!hashed) hashes.set(password, (hashed = hashPassword(password)))
  return hashed
}

/** An official of `municipality`; with `region`, a region official of that region too. */
export async function givenOfficial(db: Db, municipality: string, role: OfficialRole = 'official', email = `${role}@${municipality}.nl`, region: string | null = null): Promise<string> {
  const id = await insertOfficial(db, { email, passwordHash: await hashOnce(TEST_PASSWORD), municipality, role, region })
  if (!id) throw new Error(`official ${email} exists`)
  return id
}

export interface Session {
  cookie: string
  csrf: string
  /** Headers for a state-changing request of this session. */
  headers: Record<string, string>
}

/** Signs in through the real login route and returns the cookie and CSRF token. */
export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`)
  const setCookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('meepraat_session='))
  if (!setCookie) throw new Error('no session cookie')
  const cookie = setCookie.split(';')[0] as string
  const csrf = (res.json() as { csrfToken: string }).csrfToken
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } }
}

/**
 * Signs in as a newly made admin does: the password, then, since admins must have a second
 * factor, the enrolment the back office leads them through (the code computed from the secret
 * the page shows, as an authenticator app would). Returns the session that follows.
 */
export async function signInEnrollingSecondFactor(app: FastifyInstance, email: string, password: string, now: Date): Promise<Session> {
  const first = await signIn(app, email, password)
  const me = (await app.inject({ url: '/api/auth/me', headers: first.headers })).json() as { pending?: string }
  if (me.pending !== 'enrolment') return first
  const start = await app.inject({ method: 'POST', url: '/api/auth/second-factor/enrolment', headers: first.headers, payload: {} })
  if (start.statusCode !== 200) throw new Error(`enrolment failed: ${start.statusCode} ${start.body}`)
  const { secret } = start.json() as { secret: string }
  const confirm = await app.inject({ method: 'POST', url: '/api/auth/second-factor/enrolment/confirm', headers: first.headers, payload: { code: codeAt(secret, now) } })
  if (confirm.statusCode !== 200) throw new Error(`enrolment confirm failed: ${confirm.statusCode} ${confirm.body}`)
  const cookie = [confirm.headers['set-cookie']].flat().map(String).find((c) => c.startsWith('meepraat_session='))?.split(';')[0] ?? first.cookie
  const csrf = (confirm.json() as { me: { csrfToken: string } }).me.csrfToken
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } }
}
