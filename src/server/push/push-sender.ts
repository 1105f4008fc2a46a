import http from 'node:http'
import https from 'node:https'
import webpush from 'web-push'
import { isIP } from 'node:net'
import { isPublicAddress, publicOnlyLookup } from './endpoint-safety'
import type { VapidKeys } from './vapid-keys'

export interface PushTarget {
  endpoint: string
  keys: { p256dh: string; auth: string }
}

/** What residents' service workers receive: small, and never more than the inbox already shows. */
export interface PushPayload {
  type: 'feedback' | 'table_outcome' | 'guardian_confirmed' | 'signal_response' | 'advice_response' | 'invited'
  itemId: string
  title: string
  url: string
  municipality: string
  language: 'nl' | 'en'
  /** The notification's text in the resident's language. */
  body: string
  /** For `table_outcome`: what the selection says to this person. */
  outcome?: 'selected' | 'not_selected' | 'waitlisted' | 'seat_offered'
}

export interface PushResult {
  status: number
}

/**
 * Sends one encrypted Web Push message (RFC 8291 aes128gcm, RFC 8292 VAPID) with the `web-push`
 * library's request builder, over a connection whose address is checked at connect time
 * ({@link publicOnlyLookup}); `web-push`'s own sender cannot take such a check for plain http.
 * Resolves with the push service's status; 2xx is delivered, 404/410 means the subscription is gone.
 */
export function sendPush(target: PushTarget, payload: PushPayload, vapid: VapidKeys, options: { allowPrivate: boolean; ttlSeconds?: number; timeoutMs?: number }): Promise<PushResult> {
  const details = webpush.generateRequestDetails(target, JSON.stringify(payload), {
    vapidDetails: { subject: vapid.subject, publicKey: vapid.publicKey, privateKey: vapid.privateKey },
    TTL: options.ttlSeconds ?? 24 * 60 * 60,
    contentEncoding: 'aes128gcm',
  })
  const url = new URL(details.endpoint)
  // Node does not call `lookup` for an address written in the URL: check it here.
  const literal = url.hostname.replace(/^\[|\]$/g, '')
  if (!options.allowPrivate && isIP(literal) && !isPublicAddress(literal)) {
    const refused = new Error('push endpoint is not a public address') as NodeJS.ErrnoException
    refused.code = 'EPUSHPRIVATE'
    return Promise.reject(refused)
  }
  const client = url.protocol === 'http:' ? http : https
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: details.method,
        headers: details.headers as http.OutgoingHttpHeaders,
        lookup: publicOnlyLookup(options.allowPrivate) as unknown as http.RequestOptions['lookup'],
        timeout: options.timeoutMs ?? 10_000,
      },
      (response) => {
        response.resume()
        response.on('end', () => resolve({ status: response.statusCode ?? 0 }))
      },
    )
    request.on('timeout', () => request.destroy(new Error('push service timed out')))
    request.on('error', reject)
    request.end(details.body ?? undefined)
  })
}
