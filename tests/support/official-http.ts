/** An official's session over real HTTP, for browser tests that act as an official via the API. */
export interface HttpSession {
  get(path: string): Promise<Response>
  post(path: string, body: unknown): Promise<Response>
  put(path: string, body: unknown): Promise<Response>
}

export async function officialHttpSession(baseUrl: string, email: string, password: string): Promise<HttpSession> {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`)
  // Sign-in sets more than the session cookie (the trusted-browser cookie too): take the session's.
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('meepraat_session='))?.split(';')[0] ?? ''
  const { csrfToken } = (await login.json()) as { csrfToken: string }
  const send = (method: string) => (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, { method, headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify(body) })
  return { get: (path) => fetch(`${baseUrl}${path}`, { headers: { cookie } }), post: send('POST'), put: send('PUT') }
}
