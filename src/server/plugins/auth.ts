import { timingSafeEqual } from 'node:crypto'
import fastifyCookie from '@fastify/cookie'
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { OfficialRole } from '../../shared/schemas/official'
import type { Db } from '../db/client'
import { DomainError, HttpError } from '../errors'
import { findOfficialById } from '../repos/official-repo'
import { createSession, deleteSession, findSession, SESSION_IDLE_MS, SESSION_MAX_MS, type SessionStage } from '../repos/session-repo'

export const SESSION_COOKIE = 'meepraat_session'

/** What a back-office route needs beyond being signed in (see `requireOfficial`). */
export type AccessNeed = 'admin' | 'member' | 'council'
export const CSRF_HEADER = 'x-csrf-token'

/** Who is signed in, however they proved it (password today, OIDC later). */
export interface OfficialContext {
  id: string
  email: string
  municipality: string
  /** Set for a region official (see `services/item-access.ts`). */
  region: string | null
  role: OfficialRole
  csrfToken: string
  /** When this session ends whatever its use; the idle end is this request's time + `sessionIdleMs`. */
  sessionExpiresAt?: Date
}

/** A sign-in that proved the password but still owes its second factor. */
export interface PendingSignIn extends OfficialContext {
  stage: Exclude<SessionStage, 'ready'>
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Only a session that completed sign-in (second factor included) sets this. */
    official: OfficialContext | null
    /** A session still owing its second factor: it reaches only the routes that finish sign-in. */
    signInPending: PendingSignIn | null
  }
  interface FastifyInstance {
    /** Starts a session for an official whose identity a sign-in route has proven. */
    /** `db` lets a caller's transaction hold the session change (with its audit entry). */
    signIn(request: FastifyRequest, reply: FastifyReply, officialId: string, db?: Db, stage?: SessionStage): Promise<string>
    signOut(request: FastifyRequest, reply: FastifyReply, db?: Db): Promise<void>
    /**
     * preHandler: someone signed in to the back office, with a valid CSRF token on changes. By
     * `need`: nothing given, an official or admin (never a council member); `admin`, an admin;
     * `member`, anyone signed in, council members included; `council`, council members only.
     * `pending`: a session still owing its second factor is let through too (the routes that finish sign-in).
     */
    requireOfficial(need?: AccessNeed, options?: { pending?: boolean }): (request: FastifyRequest) => Promise<void>
    /** How long a session lasts without use (each request of the official renews it). */
    sessionIdleMs: number
    /** Whether cookies are HTTPS-only (sign-in routes set their own short-lived cookies too). */
    secureCookies: boolean
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** A browser request from another site carries its own Origin; ours must match the Host. */
export function isCrossOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin
  if (!origin) return false
  try {
    return new URL(origin).host !== request.headers.host
  } catch {
    return true
  }
}

export interface AuthPluginOptions {
  secureCookies: boolean
  cookieSecret: string
  sessionIdleMs?: number
}

export const authPlugin = fp(async (app: FastifyInstance, options: AuthPluginOptions) => {
  await app.register(fastifyCookie, { secret: options.cookieSecret })
  app.decorateRequest('official', null)
  app.decorate('sessionIdleMs', options.sessionIdleMs ?? SESSION_IDLE_MS)
  app.decorateRequest('signInPending', null)
  app.decorate('secureCookies', options.secureCookies)

  const readToken = (request: FastifyRequest): string | null => {
    const raw = request.cookies[SESSION_COOKIE]
    if (!raw) return null
    const unsigned = request.unsignCookie(raw)
    return unsigned.valid ? unsigned.value : null
  }

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return
    const token = readToken(request)
    if (!token) return
    const session = await findSession(app.database.db, token, app.clock(), app.sessionIdleMs)
    if (!session) return
    const account = await findOfficialById(app.database.db, session.officialId)
    if (!account || account.disabled) return
    const official = { id: account.id, email: account.email, municipality: account.municipality, region: account.region, role: account.role, csrfToken: session.csrfToken, sessionExpiresAt: session.expiresAt }
    if (session.stage === 'ready') request.official = official
    else request.signInPending = { ...official, stage: session.stage }
  })

  app.decorate('signIn', async (request: FastifyRequest, reply: FastifyReply, officialId: string, db: Db = app.database.db, stage: SessionStage = 'ready') => {
    // Also when a pending sign-in completes: the finished session gets a new id.
    const old = readToken(request)
    if (old) await deleteSession(db, old)
    const { token, csrfToken } = await createSession(db, officialId, app.clock(), stage)
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secureCookies,
      signed: true,
      maxAge: SESSION_MAX_MS / 1000,
    })
    return csrfToken
  })

  app.decorate('signOut', async (request: FastifyRequest, reply: FastifyReply, db: Db = app.database.db) => {
    const token = readToken(request)
    if (token) await deleteSession(db, token)
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies })
    // Drop the HTTP cache on shared computers. Not "storage": that would also wipe a resident's
    // unsent answers kept in IndexedDB on the same browser.
    reply.header('clear-site-data', '"cache"')
  })

  app.decorate('requireOfficial', (need?: AccessNeed, options: { pending?: boolean } = {}) => async (request: FastifyRequest) => {
    const official = request.official ?? (options.pending ? request.signInPending : null)
    if (!official && request.signInPending) {
      // A session state, not a client redirect: nothing else is reachable until the second factor is done.
      throw request.signInPending.stage === 'enrolment'
        ? new DomainError('second_factor_enrolment_required', 'Set up your second factor first')
        : new DomainError('second_factor_required', 'Enter the code from your authenticator app first')
    }
    if (!official) throw new HttpError(401, 'unauthorized', 'Sign in first')
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER]
      if (typeof sent !== 'string' || !sameToken(sent, official.csrfToken) || isCrossOrigin(request)) {
        throw new HttpError(403, 'forbidden', 'Missing or wrong CSRF token')
      }
    }
    if (need === 'admin' && official.role !== 'admin') throw new HttpError(403, 'forbidden', 'Only admins may do this')
    if (need === 'council' && official.role !== 'council') throw new HttpError(403, 'forbidden', 'Only members of the participation council may do this')
    // Council members read and advise; what officials do (items, contact details, moderation) stays theirs.
    if (need === undefined && official.role === 'council') throw new HttpError(403, 'forbidden', 'Members of the participation council may not do this')
  })
})
