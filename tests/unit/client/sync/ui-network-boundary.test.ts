import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * Pages and components reach the network only through the sync layer. The rule lives in
 * eslint.config.js; these tests make sure it fires where it should and nowhere it should not.
 */
const BOUNDARY_RULES = new Set(['no-restricted-globals', 'no-restricted-syntax'])
// Only the boundary rules run: the rest of the config is `npm run lint`'s business.
const eslint = new ESLint({ cwd: process.cwd(), ruleFilter: ({ ruleId }) => BOUNDARY_RULES.has(ruleId) })
/** Linting every page and component parses ~80 files; on a shared machine that takes a while. */
const WHOLE_UI_TIMEOUT_MS = 60_000

async function boundaryProblems(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId)).map((m) => m.message)
}

const vue = (script: string) => `<script setup lang="ts">\n${script}\n</script>\n<template><p>x</p></template>\n`

// Loading the lint config (typescript-eslint, the Vue parser) takes seconds on a busy machine.
describe('lint: pages and components reach the network only through the sync layer', { timeout: 30_000 }, () => {
  it('fails a page that calls fetch()', async () => {
    expect(await boundaryProblems(vue("void fetch('/api/items')"), 'src/client/pages/NewPage.vue')).toHaveLength(1)
  })

  it('fails a component that calls window.fetch or sends a beacon', async () => {
    const code = vue("void window.fetch('/api/items')\nnavigator.sendBeacon('/api/x')")
    expect(await boundaryProblems(code, 'src/client/components/item/NewThing.vue')).toHaveLength(2)
  })

  it('fails a component that imports the API client, statically or lazily', async () => {
    const code = vue("import { createApi } from '../../sync/api'\nimport { useApi } from '../../composables/use-api'\nvoid import('../../sync/api')\nvoid createApi\nvoid useApi")
    expect(await boundaryProblems(code, 'src/client/components/table/NewThing.vue')).toHaveLength(3)
  })

  it('lets them import types of the API client and call the sync layer', async () => {
    const code = vue("import type { Api } from '../sync/api'\nimport { fetchMunicipalities } from '../sync/reads'\nconst api: Api | undefined = undefined\nvoid api\nvoid fetchMunicipalities()")
    expect(await boundaryProblems(code, 'src/client/pages/NewPage.vue')).toEqual([])
  })

  it('leaves the sync layer itself alone', async () => {
    expect(await boundaryProblems("export const get = () => fetch('/api/items')", 'src/client/sync/reads.ts')).toEqual([])
  })

  it('finds no page or component of today that breaks it', async () => {
    const results = await eslint.lintFiles(['src/client/pages', 'src/client/components'])
    const problems = results.flatMap((r) => r.messages.filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId)).map((m) => `${r.filePath}: ${m.message}`))
    expect(results.length).toBeGreaterThan(10)
    expect(problems).toEqual([])
  }, WHOLE_UI_TIMEOUT_MS)
})
