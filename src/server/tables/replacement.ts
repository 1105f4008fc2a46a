import type { Category } from './categories'

/**
 * The person to offer a freed seat: the first on the waitlist who restores a reserved quota the
 * leaving member helped fill; when no quota falls short, simply the first on the waitlist.
 */
export function nextOnWaitlist(
  waitlist: readonly { id: string; categories: Category[] }[],
  remainingPanel: readonly { categories: Category[] }[],
  reserved: readonly { category: Category; seats: number }[],
): string | null {
  const short = reserved.filter((q) => remainingPanel.filter((m) => m.categories.includes(q.category)).length < q.seats).map((q) => q.category)
  const restoring = waitlist.find((w) => w.categories.some((c) => short.includes(c)))
  return (restoring ?? waitlist[0])?.id ?? null
}
