/**
 * A strict reader of iCalendar text (RFC 5545) for tests: no iCalendar parser is installed, so
 * this checks what calendars rely on: CRLF line ends, lines of at most 75 octets (longer ones
 * folded), `NAME[;PARAM=...]:VALUE` content lines, BEGIN/END properly nested, and the
 * properties RFC 5545 requires (VERSION and PRODID on the calendar; UID, DTSTAMP and DTSTART on
 * each event, DTEND after DTSTART). Throws with the reason on the first fault.
 */
export interface ICalComponent {
  name: string
  properties: { name: string; params: Record<string, string>; value: string }[]
  components: ICalComponent[]
}

const CONTENT_LINE = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/

export function parseICal(text: string): ICalComponent {
  if (!text.endsWith('\r\n')) throw new Error('the calendar does not end with CRLF')
  const physical = text.slice(0, -2).split('\r\n')
  for (const line of physical) {
    if (line.includes('\n') || line.includes('\r')) throw new Error(`a bare line break in: ${line}`)
    if (Buffer.byteLength(line, 'utf8') > 75) throw new Error(`a line longer than 75 octets: ${line}`)
  }
  const lines: string[] = []
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (lines.length === 0) throw new Error('a folded line without a line before it')
      lines[lines.length - 1] += line.slice(1)
    } else lines.push(line)
  }
  const stack: ICalComponent[] = []
  let root: ICalComponent | undefined
  for (const line of lines) {
    const m = CONTENT_LINE.exec(line)
    if (!m) throw new Error(`not a content line: ${line}`)
    const name = m[1]!.toUpperCase()
    const value = m[3]!
    const params = Object.fromEntries([...m[2]!.matchAll(/;([A-Za-z0-9-]+)=("[^"]*"|[^;]*)/g)].map((p) => [p[1]!.toUpperCase(), p[2]!]))
    if (name === 'BEGIN') {
      const component = { name: value.toUpperCase(), properties: [], components: [] }
      if (stack.length === 0) {
        if (root) throw new Error('more than one top-level component')
        root = component
      } else stack.at(-1)!.components.push(component)
      stack.push(component)
    } else if (name === 'END') {
      const open = stack.pop()
      if (!open || open.name !== value.toUpperCase()) throw new Error(`END:${value} does not close ${open?.name ?? 'anything'}`)
    } else {
      if (stack.length === 0) throw new Error(`a property outside any component: ${line}`)
      stack.at(-1)!.properties.push({ name, params, value })
    }
  }
  if (stack.length > 0) throw new Error(`${stack.at(-1)!.name} is not closed`)
  if (!root || root.name !== 'VCALENDAR') throw new Error('the top-level component is not VCALENDAR')
  const one = (c: ICalComponent, p: string) => {
    const found = c.properties.filter((x) => x.name === p)
    if (found.length !== 1) throw new Error(`${c.name} has ${found.length} ${p} properties, expected 1`)
    return found[0]!.value
  }
  if (one(root, 'VERSION') !== '2.0') throw new Error('VERSION is not 2.0')
  one(root, 'PRODID')
  const utc = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/
  const time = (v: string) => {
    const t = utc.exec(v)
    if (!t) throw new Error(`not a UTC date-time: ${v}`)
    return Date.UTC(+t[1]!, +t[2]! - 1, +t[3]!, +t[4]!, +t[5]!, +t[6]!)
  }
  for (const event of root.components.filter((c) => c.name === 'VEVENT')) {
    one(event, 'UID')
    time(one(event, 'DTSTAMP'))
    if (time(one(event, 'DTEND')) <= time(one(event, 'DTSTART'))) throw new Error('an event ends before it starts')
  }
  return root
}

/** The value of a property of a component, unescaped (RFC 5545 3.3.11). */
export function icalText(c: ICalComponent, name: string): string | undefined {
  const value = c.properties.find((p) => p.name === name)?.value
  return value?.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1')
}
