/**
 * The browser apps never turn a schema into JSON Schema (only the server does, for OpenAPI), but
 * classic zod wires every schema to its JSON Schema converter (`processJSONSchema`, `toJSONSchema`,
 * `~standard.jsonSchema`), so the converter (about a fifth of zod) would ship to every phone. This
 * build-only transform of zod's classic/schemas.js cuts those wires, so the bundler drops the
 * converter; parsing is untouched. Calling a conversion in the browser throws and says why.
 *
 * zod is pinned (package.json); the transform checks that it found what it expects and fails the
 * build when zod's source changed shape, rather than ship a half-cut zod.
 */
import type { Plugin } from 'vite'

const CLASSIC_SCHEMAS = /\/zod\/v4\/classic\/schemas\.js$/
const PROCESSOR_WIRE = /^\s*inst\._zod\.processJSONSchema = \(ctx, json, params\) => processors\.\w+\(inst, ctx, json, params\);\n/gm
const CONVERTER_IMPORT = 'import { createStandardJSONSchemaMethod, createToJSONSchemaMethod } from "../core/to-json-schema.js";'
const STANDARD_METHODS = /createStandardJSONSchemaMethod\(this, "(input|output)"\)/g
const TO_JSON_SCHEMA = 'return createToJSONSchemaMethod(this, {})(params);'
/** At least this many wires: zod 4.6.7 has 41, one per schema kind. */
const EXPECTED_WIRES = 30

const UNAVAILABLE = `const jsonSchemaUnavailable = () => () => { throw new Error("JSON Schema conversion is not built into the browser apps (scripts/vite/zod-without-json-schema.ts)"); };`

/** The transformed source, or an error naming what was not found. */
export function cutJsonSchemaWires(source: string): { code: string } | { error: string } {
  const wires = source.match(PROCESSOR_WIRE)?.length ?? 0
  if (wires < EXPECTED_WIRES) return { error: `found ${wires} processJSONSchema wires, expected at least ${EXPECTED_WIRES}` }
  if (!source.includes(CONVERTER_IMPORT)) return { error: 'the import of the JSON Schema converter was not found' }
  if ((source.match(STANDARD_METHODS)?.length ?? 0) !== 2) return { error: 'the ~standard.jsonSchema methods were not found' }
  if (!source.includes(TO_JSON_SCHEMA)) return { error: 'toJSONSchema() was not found' }
  const code = source
    .replace(PROCESSOR_WIRE, '')
    .replace(CONVERTER_IMPORT, UNAVAILABLE)
    .replace(STANDARD_METHODS, 'jsonSchemaUnavailable()')
    .replace(TO_JSON_SCHEMA, 'return jsonSchemaUnavailable()(params);')
  return { code }
}

export function zodWithoutJsonSchema(): Plugin {
  let transformed = false
  return {
    name: 'meepraat:zod-without-json-schema',
    apply: 'build',
    buildStart() {
      transformed = false
    },
    transform(source, id) {
      if (!CLASSIC_SCHEMAS.test(id.replace(/\?.*$/, ''))) return undefined
      const result = cutJsonSchemaWires(source)
      if ('error' in result) this.error(`meepraat:zod-without-json-schema: ${result.error} in ${id}; zod changed, review this plugin`)
      transformed = true
      return { code: result.code, map: null }
    },
    buildEnd(error) {
      // Every browser app parses with classic zod; a build that never saw it took zod from elsewhere.
      if (!error && !transformed) this.error('meepraat:zod-without-json-schema: zod/v4/classic/schemas.js was never transformed')
    },
  }
}
