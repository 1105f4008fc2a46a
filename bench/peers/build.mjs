// Builds the three peer pages into dist/<name>/ with this package's own Vite (production build,
// the bundler's defaults): the minimal HTML page, ODK Web Forms and Enketo. Enketo's page needs
// enketo/generated/form.html and model.xml first (bench/peer-speed.ts makes them with
// enketo-transformer's web build in Chromium: its Node build needs the native libxslt).
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const here = path.dirname(fileURLToPath(import.meta.url))
const template = readFileSync(path.join(here, 'enketo/index.template.html'), 'utf8')
const formHtml = readFileSync(path.join(here, 'enketo/generated/form.html'), 'utf8')
writeFileSync(path.join(here, 'enketo/index.html'), template.replace('<!--ENKETO_FORM-->', formHtml))

for (const name of ['minimal', 'odk', 'enketo']) {
  await build({
    root: path.join(here, name),
    base: './',
    logLevel: 'error',
    configFile: false,
    // Enketo's widget styles import from its monorepo's path (/packages/enketo-core/node_modules/…).
    resolve: { alias: [{ find: /^\/packages\/enketo-core\/node_modules\//, replacement: `${path.join(here, 'node_modules')}/` }] },
    build: { outDir: path.join(here, 'dist', name), emptyOutDir: true },
    // Enketo's themes still use Sass @import and division; the warnings are theirs, not ours.
    css: { preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ['slash-div', 'mixed-decls'] } } },
  })
  console.log(`built ${name}`)
}
