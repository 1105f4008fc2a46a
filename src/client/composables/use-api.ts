/**
 * Kept for code written before the sync layer owned the resident API client. Pages and
 * components must not use it (lint forbids it there): they call `sync/reads.ts` and friends.
 */
export { residentApi as useApi, setResidentApi as setApi } from '../sync/resident-api'
