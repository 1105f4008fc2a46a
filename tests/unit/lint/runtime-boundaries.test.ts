import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

/** The boundary messages lint gives for `code` as if it were the file at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'meepraat/runtime-boundaries').map((m) => m.message)
}

describe('lint: runtime boundaries', () => {
  it('fails src/shared importing vue, fastify, drizzle, dexie or node:*', async () => {
    for (const name of ['vue', 'fastify', 'drizzle-orm', 'dexie', 'node:fs']) {
      const errors = await boundaryErrors('src/shared/schemas/probe.ts', `import x from '${name}'\nexport const y = x\n`)
      expect(errors, name).toHaveLength(1)
    }
    expect(await boundaryErrors('src/shared/schemas/probe.ts', "import { z } from 'zod'\nimport { ItemSchema } from './item'\nexport const y = [z, ItemSchema]\n")).toEqual([])
  })

  it('fails src/shared reaching into the client or the server', async () => {
    const errors = await boundaryErrors('src/shared/schemas/probe.ts', "import { x } from '../../server/errors'\nexport const y = x\n")
    expect(errors).toEqual(['src/shared may not import from src/server; share it through src/shared.'])
  })

  it('fails the client importing server code or server-only packages, also lazily', async () => {
    expect(await boundaryErrors('src/client/pages/ProbePage.ts', "export const load = () => import('../../server/errors')\n")).toHaveLength(1)
    expect(await boundaryErrors('src/client/sync/probe.ts', "import pg from 'pg'\nexport const y = pg\n")).toHaveLength(1)
    expect(await boundaryErrors('src/client/sync/probe.ts', "import { ItemSchema } from '../../shared/schemas/item'\nexport const y = ItemSchema\n")).toEqual([])
  })

  it('fails the server importing client code or browser packages, but not its own db/client module', async () => {
    expect(await boundaryErrors('src/server/routes/probe.ts', "import { x } from '../../client/i18n'\nexport const y = x\n")).toHaveLength(1)
    expect(await boundaryErrors('src/server/routes/probe.ts', "import Dexie from 'dexie'\nexport const y = Dexie\n")).toHaveLength(1)
    expect(await boundaryErrors('src/server/repos/probe.ts', "import { type Db } from '../db/client'\nexport type Y = Db\n")).toEqual([])
  })
})
