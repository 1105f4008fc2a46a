import { z } from 'zod'
import { DEVICE_ID_PATTERN } from './device-credentials'
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

/**
 * Opaque position in a change feed (items, the inbox); pass it back as `since`. Here, not in
 * item.ts, so the phone can check a stored cursor without building the item schemas.
 */
export const CursorSchema = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected a cursor returned by this API')

/** A device id in form (at least 128 bits); here beside the other ids, so the phone checks its own without the submission schemas. */
export const DeviceIdSchema = z.string().regex(DEVICE_ID_PATTERN, 'expected a device id of at least 128 bits')
