import { z } from 'zod'
import { SlugSchema } from './common'
import { safeString } from './safe-text'

/** Age bands of the optional profile. `<16` matters: under-16s cannot consent alone (UAVG art. 5). */
export const AGE_BANDS = ['<16', '16-17', '18-23', '24-64', '65+'] as const
export type AgeBand = (typeof AGE_BANDS)[number]

/** Optional, skippable profile kept on the device and sent with submissions. */
export const ProfileSchema = z.object({
  ageBand: z.enum(AGE_BANDS).optional(),
  area: safeString().min(1).max(80).optional(),
  /**
   * The municipality the resident chose in the app. Kept only with an answer to a regional item,
   * and only when it is a member of that item's region, so that input can be split by municipality.
   */
  municipality: SlugSchema.optional(),
})
export type Profile = z.infer<typeof ProfileSchema>
