import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cutJsonSchemaWires } from '../../../../scripts/vite/zod-without-json-schema'

const require = createRequire(import.meta.url)
const classicSchemas = path.join(path.dirname(require.resolve('zod/package.json')), 'v4/classic/schemas.js')

describe('zod without JSON Schema in the browser build', () => {
  it('cuts every wire to the JSON Schema converter from the pinned zod and keeps the checks the schemas read', () => {
    const result = cutJsonSchemaWires(readFileSync(classicSchemas, 'utf8'))
    if ('error' in result) throw new Error(result.error)
    expect(result.code).not.toContain('processJSONSchema')
    expect(result.code).not.toContain('to-json-schema.js')
    expect(result.code).not.toContain('createStandardJSONSchemaMethod')
    expect(result.code).not.toContain('createToJSONSchemaMethod')
    // minLength, format and the like read the aggregated checks: those stay.
    expect(result.code).toContain('processors.aggregateChecks(inst)')
    expect(result.code).toMatch(/^import \* as processors from "\.\.\/core\/json-schema-processors\.js";$/m)
  })

  it('refuses a zod whose source changed shape instead of shipping it half cut', () => {
    expect(cutJsonSchemaWires('export const nothing = 1')).toEqual({ error: expect.stringContaining('processJSONSchema wires') })
  })
})
