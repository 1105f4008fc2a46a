import type { Metafile } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { externalPackages, packageOf } from '../../../scripts/build-server'

const output = (imports: Metafile['outputs'][string]['imports']): Metafile['outputs'][string] => ({ bytes: 1, inputs: {}, imports, exports: [] })

describe('the server build lists the packages its bundles need at run time', () => {
  it('names the npm package of a deep or scoped import', () => {
    expect(packageOf('drizzle-orm/pglite/migrator')).toBe('drizzle-orm')
    expect(packageOf('@electric-sql/pglite/nodefs')).toBe('@electric-sql/pglite')
    expect(packageOf('fastify')).toBe('fastify')
  })

  it('counts external packages once and leaves Node built-ins and bundled files out', () => {
    const metafile: Metafile = {
      inputs: {},
      outputs: {
        'dist/server/main.js': output([
          { path: 'fastify', kind: 'import-statement', external: true },
          { path: 'node:fs', kind: 'import-statement', external: true },
          { path: 'crypto', kind: 'import-statement', external: true },
          { path: '@fastify/static', kind: 'import-statement', external: true },
        ]),
        'dist/server/admin.js': output([
          { path: 'fastify', kind: 'import-statement', external: true },
          { path: 'drizzle-orm/pglite', kind: 'import-statement', external: true },
          { path: 'src/server/db/open.ts', kind: 'import-statement' },
        ]),
      },
    }
    expect(externalPackages(metafile)).toEqual(['@fastify/static', 'drizzle-orm', 'fastify'])
  })
})
