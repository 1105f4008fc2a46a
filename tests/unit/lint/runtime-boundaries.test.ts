import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The project's real eslint.config.js, named explicitly so the test cannot pass on some other
// config: these are the errors `npm run lint` (and so .ci/run) gives for the same source.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfigFile: 'eslint.config.js' })

/** The boundary messages lint gives for `code` as if it were the file at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  expect(result?.messages.filter((m) => m.fatal), `${filePath} parses`).toEqual([])
  return (result?.messages ?? []).filter((m) => m.ruleId === 'meepraat/runtime-boundaries' && m.severity === 2).map((m) => m.message)
}

const importing = (name: string) => `import x from '${name}'\nexport const y = x\n`
/** A Vue component whose script imports `name`, as the client's pages and components do. */
const component = (name: string) => `<script setup lang="ts">\nimport x from '${name}'\nconst y = x\n</script>\n\n<template>\n  <p>{{ y }}</p>\n</template>\n`

describe('lint: runtime boundaries (eslint.config.js)', () => {
  it('turns the rule on as an error for every source file of every runtime', async () => {
    for (const file of ['src/shared/schemas/probe.ts', 'src/client/pages/Probe.vue', 'src/client/probe.js', 'src/server/routes/probe.ts', 'src/server/probe.mjs']) {
      const config = (await eslint.calculateConfigForFile(file)) as { rules?: Record<string, unknown> }
      expect(config.rules?.['meepraat/runtime-boundaries'], file).toEqual([2])
    }
  })

  it('fails src/shared importing vue, dexie, drizzle-orm, fastify or node:*', async () => {
    for (const name of ['vue', 'dexie', 'drizzle-orm', 'drizzle-orm/pg-core', 'fastify', 'node:fs', 'node:crypto', 'fs', 'pinia']) {
      expect(await boundaryErrors('src/shared/schemas/probe.ts', importing(name)), name).toEqual([
        `src/shared may not import "${name}": src/shared imports only zod: it runs in the browser and in Node.`,
      ])
    }
    expect(await boundaryErrors('src/shared/schemas/probe.ts', "import type { Ref } from 'vue'\nexport type Y = Ref<number>\n"), 'types too').toHaveLength(1)
    expect(await boundaryErrors('src/shared/schemas/probe.ts', "export { default } from 'fastify'\n"), 're-exports too').toHaveLength(1)
  })

  it('passes src/shared importing zod and itself', async () => {
    const code = "import { z } from 'zod'\nimport * as core from 'zod/v4/core'\nimport { ItemSchema } from './item'\nimport { rule } from '../validation/published-dates'\nexport const y = [z, core, ItemSchema, rule]\n"
    expect(await boundaryErrors('src/shared/schemas/probe.ts', code)).toEqual([])
  })

  it('fails src/shared reaching into the client or the server', async () => {
    expect(await boundaryErrors('src/shared/schemas/probe.ts', "import { x } from '../../server/errors'\nexport const y = x\n")).toEqual([
      'src/shared may not import from src/server; share it through src/shared.',
    ])
    expect(await boundaryErrors('src/shared/schemas/probe.ts', "import { x } from '../../client/i18n'\nexport const y = x\n")).toEqual([
      'src/shared may not import from src/client; share it through src/shared.',
    ])
  })

  it('fails the client importing server code, statically, lazily, from the root or in a component', async () => {
    const message = 'src/client may not import from src/server; share it through src/shared.'
    expect(await boundaryErrors('src/client/sync/probe.ts', importing('../../server/problem'))).toEqual([message])
    expect(await boundaryErrors('src/client/pages/ProbePage.ts', "export const load = () => import('../../server/errors')\n")).toEqual([message])
    expect(await boundaryErrors('src/client/sync/probe.ts', importing('/src/server/problem'))).toEqual([message])
    expect(await boundaryErrors('src/client/pages/ProbePage.vue', component('../../server/problem'))).toEqual([message])
  })

  it('fails the client importing server-only packages and Node modules, with or without node:', async () => {
    for (const name of ['fastify', '@fastify/cookie', 'drizzle-orm', 'pg', '@electric-sql/pglite', '@node-rs/argon2', 'nodemailer', 'node:crypto', 'crypto', 'fs/promises']) {
      expect(await boundaryErrors('src/client/sync/probe.ts', importing(name)), name).toEqual([
        `src/client may not import "${name}": server-only packages do not belong in the browser bundle.`,
      ])
    }
    expect(await boundaryErrors('src/client/components/Probe.vue', component('node:fs')), 'in a component').toHaveLength(1)
  })

  it('passes the client importing itself, src/shared and browser packages', async () => {
    const code =
      "import { ref } from 'vue'\nimport Dexie from 'dexie'\nimport { defineStore } from 'pinia'\nimport { z } from 'zod'\nimport { ItemSchema } from '../../shared/schemas/item'\nimport { i18n } from '../i18n'\nexport const y = [ref, Dexie, defineStore, z, ItemSchema, i18n]\n"
    expect(await boundaryErrors('src/client/sync/probe.ts', code)).toEqual([])
    expect(await boundaryErrors('src/client/pages/ProbePage.vue', component('../components/base/BaseButton.vue'))).toEqual([])
  })

  it('fails the server importing client code or browser packages', async () => {
    expect(await boundaryErrors('src/server/routes/probe.ts', "import { x } from '../../client/i18n'\nexport const y = x\n")).toEqual([
      'src/server may not import from src/client; share it through src/shared.',
    ])
    expect(await boundaryErrors('src/server/routes/probe.ts', "export const load = () => import('../../client/router')\n")).toHaveLength(1)
    for (const name of ['vue', 'dexie', 'pinia', 'vue-router', 'workbox-window', '@vue/test-utils']) {
      expect(await boundaryErrors('src/server/routes/probe.ts', importing(name)), name).toEqual([
        `src/server may not import "${name}": browser packages do not belong on the server.`,
      ])
    }
  })

  it('passes the server importing itself (its own db/client module too), src/shared, Node and server packages', async () => {
    const code =
      "import { readFile } from 'node:fs/promises'\nimport Fastify from 'fastify'\nimport { sql } from 'drizzle-orm'\nimport { type Db } from '../db/client'\nimport { ItemSchema } from '../../shared/schemas/item'\nexport const y = [readFile, Fastify, sql, ItemSchema]\nexport type Y = Db\n"
    expect(await boundaryErrors('src/server/repos/probe.ts', code)).toEqual([])
  })
})
