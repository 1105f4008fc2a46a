import { z } from 'zod'

/** Municipality slugs are lowercase words joined by dashes, e.g. `beverwijk`. */
export const SlugSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lowercase slug')

/** ISO-8601 date-time with offset, as sent over the wire. */
export const DateTimeSchema = z.iso.datetime({ offset: true })

export const UuidSchema = z.uuid()
