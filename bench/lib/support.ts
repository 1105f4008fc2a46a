/**
 * The test helpers the benchmarks reuse (throwaway PostgreSQL cluster, real server process,
 * factories). Most of tests/support lies outside tsconfig.node.json's `include`, and a composite
 * project rejects imported files it does not list (TS6307), so they are loaded by URL at run time
 * and typed here. If tests/support/** joins that `include`, these can become plain imports.
 */
import type { ChildProcess } from 'node:child_process'
import type { Db } from '../../src/server/db/client'
import type { items } from '../../src/server/db/schema'
import type { Question } from '../../src/shared/schemas/question'
import type { Submission } from '../../src/shared/schemas/submission'

export interface PostgresCluster {
  url: string
  stop(): void
}

export interface ServerProcess {
  url: string
  port: number
  child: ChildProcess
  stop(signal?: NodeJS.Signals): Promise<number | null>
  output(): string
}

interface PostgresClusterModule {
  startPostgresCluster(options?: { durable?: boolean }): Promise<PostgresCluster>
}

interface ServerProcessModule {
  startServerProcess(env: Record<string, string>, port?: number): Promise<ServerProcess>
}

interface FactoriesModule {
  givenMunicipality(db: Db, slug?: string, name?: string): Promise<string>
  givenItem(db: Db, now: Date, overrides?: Partial<typeof items.$inferInsert>): Promise<string>
  aSubmission(itemId: string, overrides?: Partial<Submission>): Submission
  pollQuestions: Question[]
}

export interface Balancer {
  url: string
  pid: number
  output(): string
  stats(): Promise<{ server: string; status: string; requests: number; retries: number; redispatches: number }[]>
  stop(): Promise<void>
}

interface HaproxyModule {
  haproxyAvailable(): boolean
  startHaproxy(backends: number[]): Promise<Balancer>
}

interface ProblemShapeModule {
  problemShapeFault(status: number, contentType: string | undefined, text: string): string | undefined
}

/** The push-service stand-in of tests/support/push-service.ts (decrypts RFC 8291 with each subscription's keys). */
export interface PushServiceStandIn {
  url: string
  received: { subscriptionId: string; payload: unknown; receivedAt: number }[]
  faults: string[]
  subscribe(): { id: string; endpoint: string; keys: { p256dh: string; auth: string } }
  close(): Promise<void>
}

interface PushServiceModule {
  startPushServiceStandIn(): Promise<PushServiceStandIn>
}

/** The SMTP server of tests/support/smtp.ts (smtp-server on 127.0.0.1, records what it accepts). */
export interface TestSmtpServer {
  url: string
  received: { from: string; to: string[]; raw: string }[]
  close(): Promise<void>
}

interface SmtpModule {
  startTestSmtpServer(): Promise<TestSmtpServer>
}

interface OfficialsModule {
  givenOfficial(db: Db, municipality: string): Promise<string>
  signIn(app: import('fastify').FastifyInstance, email: string): Promise<{ headers: Record<string, string> }>
}

const supportDir = new URL('../../tests/support/', import.meta.url)

async function load<T>(file: string): Promise<T> {
  return (await import(new URL(file, supportDir).href)) as T
}

export const postgresCluster = () => load<PostgresClusterModule>('postgres-cluster.ts')
export const serverProcess = () => load<ServerProcessModule>('server-process.ts')
export const factories = () => load<FactoriesModule>('factories.ts')
export const haproxy = () => load<HaproxyModule>('haproxy.ts')
export const problemShape = () => load<ProblemShapeModule>('problem-shape.ts')
export const pushServiceStandIn = () => load<PushServiceModule>('push-service.ts')
export const smtpServer = () => load<SmtpModule>('smtp.ts')
export const officials = () => load<OfficialsModule>('officials.ts')
