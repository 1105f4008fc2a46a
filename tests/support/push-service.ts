import { createECDH, createPublicKey, hkdfSync, randomBytes, createDecipheriv, verify } from 'node:crypto'
import { createServer, type Server } from 'node:http'

/**
 * A local stand-in for a browser vendor's push service (RFC 8030): it accepts push messages at
 * `/push/ID`, checks the VAPID authorization (RFC 8292: an ES256 JWT for this origin, signed by
 * the key in `k=`) and decrypts the payload (RFC 8291, aes128gcm) with the subscription's own
 * private key, as a browser would. Nothing of `web-push` is replaced: this is the far end.
 */
export interface StandInSubscription {
  id: string
  endpoint: string
  keys: { p256dh: string; auth: string }
}

export interface ReceivedPush {
  subscriptionId: string
  payload: unknown
  ttl: string | undefined
  urgency: string | undefined
  vapidSubject: string
  receivedAt: number
}

export interface PushServiceStandIn {
  url: string
  received: ReceivedPush[]
  /** A new subscription as a browser makes one: a P-256 key pair and a 16-byte auth secret. */
  subscribe(): StandInSubscription
  /** Answer pushes for this subscription with `status` from now on (410 = the user unsubscribed). */
  respondWith(subscriptionId: string, status: number): void
  /** Rejections: pushes whose authorization or encryption did not check out. */
  faults: string[]
  close(): Promise<void>
}

const b64u = (b: Buffer) => b.toString('base64url')

function hkdf(ikm: Buffer, salt: Buffer, info: Buffer, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, length))
}

/** RFC 8291 section 3 and RFC 8188: one aes128gcm record. */
export function decryptPush(body: Buffer, receiver: { ecdh: ReturnType<typeof createECDH>; auth: Buffer }): string {
  const salt = body.subarray(0, 16)
  const idLength = body[20]!
  const senderPublic = body.subarray(21, 21 + idLength)
  const ciphertext = body.subarray(21 + idLength)
  const secret = receiver.ecdh.computeSecret(senderPublic)
  const receiverPublic = receiver.ecdh.getPublicKey()
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiverPublic, senderPublic])
  const ikm = hkdf(secret, receiver.auth, keyInfo, 32)
  const cek = hkdf(ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16)
  const nonce = hkdf(ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12)
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce)
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16))
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()])
  // The last record ends with a 0x02 delimiter followed by zero padding.
  const end = padded.lastIndexOf(2)
  return padded.subarray(0, end).toString('utf8')
}

function checkVapid(header: string | undefined, origin: string): { ok: true; subject: string } | { ok: false; why: string } {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '')
  if (!match) return { ok: false, why: `no VAPID authorization: ${header}` }
  const [head, claims, signature] = match[1]!.split('.')
  const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(Buffer.from(match[2]!, 'base64url').subarray(1, 33)), y: b64u(Buffer.from(match[2]!, 'base64url').subarray(33, 65)) }, format: 'jwk' })
  const valid = verify('sha256', Buffer.from(`${head}.${claims}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!, 'base64url'))
  if (!valid) return { ok: false, why: 'VAPID signature does not verify' }
  const body = JSON.parse(Buffer.from(claims!, 'base64url').toString()) as { aud: string; exp: number; sub: string }
  if (body.aud !== origin) return { ok: false, why: `VAPID aud ${body.aud} is not ${origin}` }
  if (body.exp * 1000 < Date.now()) return { ok: false, why: 'VAPID token expired' }
  return { ok: true, subject: body.sub }
}

export async function startPushServiceStandIn(): Promise<PushServiceStandIn> {
  const keys = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: Buffer }>()
  const statuses = new Map<string, number>()
  const received: ReceivedPush[] = []
  const faults: string[] = []
  let origin = ''
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const id = /^\/push\/([\w-]+)$/.exec(req.url ?? '')?.[1]
      const receiver = id ? keys.get(id) : undefined
      if (!id || !receiver) return void res.writeHead(404).end()
      const status = statuses.get(id) ?? 201
      if (status >= 300) return void res.writeHead(status).end()
      const vapid = checkVapid(req.headers.authorization, origin)
      if (!vapid.ok) {
        faults.push(vapid.why)
        return void res.writeHead(403).end()
      }
      try {
        const payload = JSON.parse(decryptPush(Buffer.concat(chunks), receiver))
        received.push({ subscriptionId: id, payload, ttl: req.headers.ttl as string | undefined, urgency: req.headers.urgency as string | undefined, vapidSubject: vapid.subject, receivedAt: Date.now() })
        res.writeHead(201).end()
      } catch (error) {
        faults.push(`cannot decrypt: ${(error as Error).message}`)
        res.writeHead(400).end()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  return {
    url: origin,
    received,
    faults,
    subscribe() {
      const id = b64u(randomBytes(9))
      const ecdh = createECDH('prime256v1')
      ecdh.generateKeys()
      const auth = randomBytes(16)
      keys.set(id, { ecdh, auth })
      return { id, endpoint: `${origin}/push/${id}`, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) } }
    },
    respondWith(id, status) {
      statuses.set(id, status)
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
