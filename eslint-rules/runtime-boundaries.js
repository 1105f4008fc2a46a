// The runtime boundaries of ARCHITECTURE.md as a lint rule: src/shared is the contract both sides
// build on, so it imports only zod and itself; the client never reaches into the server, nor the
// server into the client. Relative imports are resolved against the importing file, so a server
// module named `db/client.ts` is not mistaken for the client.
import { builtinModules } from 'node:module'
import path from 'node:path'

/** Node's own modules, also without the `node:` prefix (`fs`, `crypto`, `fs/promises`). */
const NODE_BUILTINS = new Set(builtinModules)
const isNodeBuiltin = (name) => name.startsWith('node:') || NODE_BUILTINS.has(name) || NODE_BUILTINS.has(name.split('/')[0])

const ALLOWED_RUNTIMES = { shared: ['shared'], client: ['client', 'shared'], server: ['server', 'shared'] }

/** Packages a runtime may not import, by the start of their name. */
const FORBIDDEN_PACKAGES = {
  shared: { test: (name) => name !== 'zod' && !name.startsWith('zod/'), why: 'src/shared imports only zod: it runs in the browser and in Node' },
  client: {
    test: (name) => isNodeBuiltin(name) || /^(fastify|@fastify\/|drizzle-orm|pg$|pg\/|@electric-sql\/|@node-rs\/|nodemailer|prom-client|smtp-server)/.test(name),
    why: 'server-only packages do not belong in the browser bundle',
  },
  server: {
    test: (name) => /^((vue|vue-router|pinia|dexie|workbox-window|vite-plugin-pwa)(\/|$)|@vue\/)/.test(name),
    why: 'browser packages do not belong on the server',
  },
}

/** Which runtime folder of src/ a file lives in, or null outside them. */
export function runtimeOf(file) {
  const parts = path.normalize(file).split(path.sep)
  const src = parts.lastIndexOf('src')
  const runtime = src >= 0 ? parts[src + 1] : undefined
  return runtime && runtime in ALLOWED_RUNTIMES ? runtime : null
}

export const runtimeBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'keeps src/shared, src/client and src/server within their runtime' },
    schema: [],
    messages: {
      folder: '{{from}} may not import from src/{{to}}; share it through src/shared.',
      package: '{{from}} may not import "{{name}}": {{why}}.',
    },
  },
  create(context) {
    const from = runtimeOf(context.filename)
    if (!from) return {}
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return
      const name = source.value
      // A path, not a package: relative, or from the project root as Vite also allows (`/src/server/…`).
      if (name.startsWith('.') || name.startsWith('/')) {
        const target = runtimeOf(name.startsWith('.') ? path.resolve(path.dirname(context.filename), name) : name)
        if (target && !ALLOWED_RUNTIMES[from].includes(target)) context.report({ node, messageId: 'folder', data: { from: `src/${from}`, to: target } })
        return
      }
      const rule = FORBIDDEN_PACKAGES[from]
      if (rule.test(name)) context.report({ node, messageId: 'package', data: { from: `src/${from}`, name, why: rule.why } })
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    }
  },
}

export default { rules: { 'runtime-boundaries': runtimeBoundaries } }
