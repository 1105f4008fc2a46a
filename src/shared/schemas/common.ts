import { z } from 'zod'
import { SafeDateTime } from './safe-text'

/** Municipality slugs are lowercase words joined by dashes, e.g. `beverwijk`. */
export const SlugSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lowercase slug')

/** ISO-8601 date-time with offset, as sent over the wire, in the years 2000-2100 ({@link SafeDateTime}). */
export const DateTimeSchema = SafeDateTime

export const UuidSchema = z.uuid()
