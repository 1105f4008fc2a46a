import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse, parseAllDocuments } from 'yaml'
import { parseTrustProxy } from '../../../src/server/config'
import { configSchemaKeys, isKnownEnvName, readRepoFile, repoRoot, statusesOf } from '../../support/deploy-surface'

const base = 'deploy/kubernetes'

interface Manifest {
  apiVersion: string
  kind: string
  metadata: { name: string; labels?: Record<string, string> }
  spec: Record<string, unknown>
  file: string
}

interface EnvVar {
  name: string
  value?: string
  valueFrom?: { secretKeyRef?: { name: string; key: string } }
}
interface Probe {
  httpGet?: { path: string; port: string | number }
}
interface Container {
  name: string
  ports: { name: string; containerPort: number }[]
  env: EnvVar[]
  livenessProbe?: Probe
  readinessProbe?: Probe
  startupProbe?: Probe
  resources: { requests?: Record<string, string>; limits?: Record<string, string> }
  securityContext: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; runAsNonRoot?: boolean }
}
interface PodSpec {
  securityContext: { runAsNonRoot?: boolean; runAsUser?: number }
  containers: Container[]
}
interface Kustomization {
  resources?: string[]
  patches?: { path?: string }[]
  secretGenerator?: { name: string; envs?: string[] }[]
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`
    if (e.isDirectory()) return yamlFilesUnder(rel)
    return /\.ya?ml$/.test(e.name) ? [rel] : []
  })
}

const files = yamlFilesUnder(base)
const manifests: Manifest[] = files
  .filter((f) => !f.endsWith('kustomization.yaml'))
  .flatMap((file) =>
    parseAllDocuments(readRepoFile(file)).map((doc) => {
      expect(doc.errors, file).toEqual([])
      return { ...(doc.toJS() as Omit<Manifest, 'file'>), file }
    }),
  )
const resources = manifests.filter((m) => !m.file.startsWith(`${base}/cloudnative-pg/`))
const one = (kind: string) => {
  const found = resources.filter((m) => m.kind === kind)
  expect(found, kind).toHaveLength(1)
  return found[0]!
}
const deployment = one('Deployment')
const pod = (deployment.spec.template as { metadata: { labels: Record<string, string> }; spec: PodSpec })
const app = pod.spec.containers[0]!
const envValue = (name: string) => app.env.find((e) => e.name === name)?.value

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v)
}

/** A port of the app container, by name or number. */
function containerPort(port: string | number): number | undefined {
  return typeof port === 'number' ? app.ports.find((p) => p.containerPort === port)?.containerPort : app.ports.find((p) => p.name === port)?.containerPort
}

describe('deploy/kubernetes', () => {
  it('parses, and every manifest is used by a kustomization', () => {
    const listed = new Set<string>()
    for (const file of files.filter((f) => f.endsWith('kustomization.yaml'))) {
      const dir = path.posix.dirname(file)
      const k = parse(readRepoFile(file)) as Kustomization
      for (const entry of [...(k.resources ?? []), ...(k.patches ?? []).flatMap((p) => (p.path ? [p.path] : []))]) {
        const target = path.posix.normalize(`${dir}/${entry}`)
        expect(existsSync(path.join(repoRoot, target)), `${file}: ${entry}`).toBe(true)
        listed.add(target)
      }
    }
    for (const m of manifests) expect(listed.has(m.file), m.file).toBe(true)
  })

  it('runs at least two replicas as a non-root user on a read-only root file system, with requests and limits', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2)
    expect(pod.spec.securityContext.runAsNonRoot).toBe(true)
    expect(pod.spec.securityContext.runAsUser).toBeGreaterThan(0)
    expect(app.securityContext.readOnlyRootFilesystem).toBe(true)
    expect(app.securityContext.allowPrivilegeEscalation).toBe(false)
    for (const kind of ['requests', 'limits'] as const) {
      expect(app.resources[kind]?.memory, kind).toBeDefined()
      expect(app.resources[kind]?.cpu, kind).toBeDefined()
    }
  })

  it('probes liveness on /api/health/live and readiness on /api/health/ready, routes the app answers 200', async () => {
    expect(app.livenessProbe?.httpGet?.path).toBe('/api/health/live')
    expect(app.readinessProbe?.httpGet?.path).toBe('/api/health/ready')
    const probes = [app.livenessProbe, app.readinessProbe, app.startupProbe].flatMap((p) => (p?.httpGet ? [p.httpGet] : []))
    const statuses = await statusesOf([...new Set(probes.map((p) => p.path))])
    for (const probe of probes) {
      expect(statuses.get(probe.path), probe.path).toBe(200)
      // On the app port, never the metrics port.
      expect(containerPort(probe.port), String(probe.port)).toBe(Number(envValue('PORT')))
    }
  })

  it('names the container ports after PORT and METRICS_PORT', () => {
    expect(containerPort('http')).toBe(Number(envValue('PORT')))
    expect(containerPort('metrics')).toBe(Number(envValue('METRICS_PORT')))
  })

  it('sets only environment variables the server reads or the contract documents', () => {
    const schema = configSchemaKeys()
    const envs = manifests.flatMap((m) => {
      const containers = (m.spec?.template as { spec?: PodSpec } | undefined)?.spec?.containers ?? []
      return containers.flatMap((c) => c.env ?? [])
    })
    for (const e of envs) expect(isKnownEnvName(e.name, schema), e.name).toBe(true)
    expect(parseTrustProxy(envValue('TRUST_PROXY') ?? '')).toBe(1)
  })

  it('takes every secret from the generated Secret, whose example has exactly those keys', () => {
    const k = parse(readRepoFile(`${base}/kustomization.yaml`)) as Kustomization
    const generator = k.secretGenerator?.[0]
    expect(generator?.envs).toEqual(['secrets.env'])
    const exampleKeys = readRepoFile(`${base}/secrets.env.example`)
      .split('\n')
      .filter((l) => /^[A-Z]/.test(l))
      .map((l) => l.split('=')[0]!)
    const fromSecret = app.env.flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef] : []))
    for (const ref of fromSecret) expect(ref.name).toBe(generator?.name)
    const keys = fromSecret.map((r) => r.key).sort()
    expect(keys).toEqual([...exampleKeys].sort())
    expect(keys).toEqual(expect.arrayContaining(['SESSION_SECRET', 'DATABASE_URL', 'DEVICE_KEY_SECRET', 'SMTP_URL', 'VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY']))
    for (const line of readRepoFile(`${base}/secrets.env.example`).split('\n').filter((l) => /^[A-Z]/.test(l))) expect(line).toContain('CHANGE-ME')
  })

  it('routes the Service, the Ingress and the PodDisruptionBudget to the Deployment`s pods and ports', () => {
    const labels = pod.metadata.labels
    const service = one('Service')
    const spec = service.spec as { selector: Record<string, string>; ports: { name: string; targetPort: string | number }[] }
    expect(matches(spec.selector, labels)).toBe(true)
    for (const p of spec.ports) expect(containerPort(p.targetPort), p.name).toBeDefined()
    const ingress = one('Ingress').spec as { rules: { http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] } }[] }
    for (const backend of ingress.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service))) {
      expect(backend.name).toBe(service.metadata.name)
      expect(containerPort(spec.ports.find((p) => p.name === backend.port.name)!.targetPort)).toBe(Number(envValue('PORT')))
    }
    const pdb = one('PodDisruptionBudget').spec as { minAvailable: number; selector: { matchLabels: Record<string, string> } }
    expect(matches(pdb.selector.matchLabels, labels)).toBe(true)
    expect(pdb.minAvailable).toBeLessThan(deployment.spec.replicas as number)
  })

  it('lets the ingress controller reach the app port, monitoring the metrics port, and the pods reach PostgreSQL, SMTP and DNS', () => {
    type Rule = { from?: { namespaceSelector?: { matchLabels: Record<string, string> } }[]; to?: unknown[]; ports: { port: number; protocol: string }[] }
    const policy = one('NetworkPolicy').spec as { podSelector: { matchLabels: Record<string, string> }; policyTypes: string[]; ingress: Rule[]; egress: Rule[] }
    expect(matches(policy.podSelector.matchLabels, pod.metadata.labels)).toBe(true)
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress'])
    const ingressPorts = policy.ingress.map((r) => ({ from: r.from?.[0]?.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'], ports: r.ports.map((p) => p.port) }))
    expect(ingressPorts).toEqual([
      { from: 'ingress-nginx', ports: [Number(envValue('PORT'))] },
      { from: 'monitoring', ports: [Number(envValue('METRICS_PORT'))] },
    ])
    const egressPorts = policy.egress.flatMap((r) => r.ports.map((p) => `${p.port}/${p.protocol}`))
    expect(egressPorts).toEqual(expect.arrayContaining(['5432/TCP', '587/TCP', '465/TCP', '53/UDP', '53/TCP']))
  })

  it('offers a CloudNativePG cluster whose app secret becomes DATABASE_URL', () => {
    const cluster = manifests.find((m) => m.kind === 'Cluster')
    expect(cluster?.apiVersion).toBe('postgresql.cnpg.io/v1')
    expect(cluster?.spec.instances).toBeGreaterThanOrEqual(2)
    const patch = manifests.find((m) => m.file.endsWith('database-url-from-cluster.yaml'))
    const env = (patch?.spec.template as { spec: PodSpec }).spec.containers[0]!.env
    expect(env).toEqual([{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: `${cluster!.metadata.name}-app`, key: 'uri' } } }])
  })
})
