import { LOGO_MAX_BYTES } from '../../shared/schemas/municipality-admin'
import { DomainError } from '../errors'
import { SvgRefused, rebuildSvg } from '../logos/svg-rebuild'
import { deleteLogo, saveLogo, type LogoContentType, type LogoInfo } from '../repos/logo-repo'
import { audited, type Actor, type ServiceContext } from './context'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** The bytes to store: a PNG as sent (checked by its signature), an SVG rebuilt from the allowlist. */
function checkedLogo(contentType: LogoContentType, bytes: Buffer): Buffer {
  if (bytes.length > LOGO_MAX_BYTES) throw new DomainError('logo_too_large', `The logo is ${bytes.length} bytes; at most ${LOGO_MAX_BYTES} are allowed`)
  if (contentType === 'image/png') {
    if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new DomainError('logo_unsafe', 'This is not a PNG file')
    return bytes
  }
  try {
    return Buffer.from(rebuildSvg(bytes.toString('utf8')), 'utf8')
  } catch (error) {
    if (error instanceof SvgRefused) throw new DomainError('logo_unsafe', `The SVG cannot be used (${error.message})`)
    throw error
  }
}

/** An admin uploads their municipality's logo; the audit entry names type, size and hash, never the bytes. */
export async function replaceOwnLogo(context: ServiceContext, admin: Actor, contentType: LogoContentType, bytes: Buffer): Promise<LogoInfo> {
  const stored = checkedLogo(contentType, bytes)
  return audited(context, admin, 'municipality.logo.replace', async (tx) => {
    const info = await saveLogo(tx, admin.municipality, contentType, stored, context.now)
    return { result: info, details: { contentType, bytes: info.bytes, sha256: info.sha256 } }
  })
}

export async function removeOwnLogo(context: ServiceContext, admin: Actor): Promise<void> {
  await audited(context, admin, 'municipality.logo.remove', async (tx) => {
    const removed = await deleteLogo(tx, admin.municipality)
    return { result: undefined, details: { removed } }
  })
}
