/** The next free short id with this prefix: q1, q2... Ids stay stable once answers exist. */
export function nextId(prefix: string, used: readonly string[]): string {
  let n = used.length + 1
  while (used.includes(`${prefix}${n}`)) n += 1
  return `${prefix}${n}`
}

/** A copy of the list with the entry at `index` moved by `delta` places (clamped). */
export function move<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = Math.min(list.length - 1, Math.max(0, index + delta))
  const copy = [...list]
  const [entry] = copy.splice(index, 1)
  if (entry !== undefined) copy.splice(target, 0, entry)
  return copy
}
