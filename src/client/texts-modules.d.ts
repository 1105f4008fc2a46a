// The Dutch texts split per route at build time (scripts/vite/first-route-texts.ts).
declare module 'virtual:meepraat-texts/first' {
  const texts: Record<string, string>
  export default texts
}
declare module 'virtual:meepraat-texts/rest' {
  const texts: Record<string, string>
  export default texts
}
