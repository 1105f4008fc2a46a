import QRCode from 'qrcode'

/**
 * Short, stable links to print and share: `/g/SLUG` opens a municipality, `/i/ID` an item. They
 * never change when a title does, so a poster stays right.
 */
export const municipalityLink = (publicUrl: string, slug: string) => `${publicUrl}/g/${slug}`
export const itemLink = (publicUrl: string, id: string) => `${publicUrl}/i/${id}`

/**
 * A QR code as SVG, drawn on the server (`qrcode`), black on white with the quiet zone the
 * standard asks for, and error correction M: it survives a crease or a staple in a poster.
 */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } })
}
