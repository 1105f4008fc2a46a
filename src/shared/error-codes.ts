/**
 * Every error code of the API, with the HTTP status it is sent with. One code per situation, so
 * a client can show its own words (both clients keep a Dutch and English text per code in the
 * locale files, under `errorCodes.<code>`) instead of the server's English `message`, which
 * stays for developers and logs. A new code goes here, with its TSDoc and status, and gets its
 * texts in nl, en, beheer-nl and beheer-en (a unit test checks that).
 */
export const ERROR_CATALOGUE = {
  // ---- General codes: what the HTTP layer itself says ----
  /** The request is malformed or fails validation (`invalidParams` says where). */
  bad_request: { status: 400 },
  /** Not signed in (or the session expired). */
  unauthorized: { status: 401 },
  /** Signed in, but not allowed to do this (wrong role, missing CSRF token, results not public). */
  forbidden: { status: 403 },
  /** No such thing, or it belongs to another municipality (which answers the same way). */
  not_found: { status: 404 },
  /** The path exists, the method does not. */
  method_not_allowed: { status: 405 },
  /** The request took too long to arrive. */
  request_timeout: { status: 408 },
  /** A 409 that came without one of the specific codes below (none of ours does this). */
  conflict: { status: 409 },
  /** The body (or a batch in it) is too large. */
  payload_too_large: { status: 413 },
  /** The URL is too long. */
  uri_too_long: { status: 414 },
  /** The body is not JSON. */
  unsupported_media_type: { status: 415 },
  /** Too many requests or sign-in attempts; `Retry-After` says when to try again. */
  rate_limited: { status: 429 },
  /** The request headers are too large. */
  headers_too_large: { status: 431 },
  /** Something went wrong on the server; the message never shows internals. */
  internal: { status: 500 },
  /** The server is starting, stopping or restarting; try again shortly. */
  unavailable: { status: 503 },

  // ---- Items: write, publish, close ----
  /** A published item's closing date cannot move into the past; close it instead. */
  closes_at_in_past: { status: 409 },
  /** The feedback date of a published item can only move later. */
  feedback_due_earlier: { status: 409 },
  /** The feedback date of a published item cannot move into the past. */
  feedback_due_in_past: { status: 409 },
  /** Moving the feedback date later needs a reason residents can read. */
  feedback_delay_reason_required: { status: 409 },
  /** A published item keeps its kind (poll, question, table). */
  item_kind_locked: { status: 409 },
  /** The change of questions would break answers residents already gave (message says which). */
  questions_change_breaks_answers: { status: 409 },
  /** The part of a text answer to remove no longer reads as the official saw it; reload and select again. */
  redaction_outdated: { status: 409 },
  /** The item was published already. */
  item_already_published: { status: 409 },
  /** A poll or question needs at least one question before it can be published. */
  item_has_no_questions: { status: 409 },
  /** The closing date has passed; set a new one before publishing. */
  closing_date_passed: { status: 409 },
  /** Only an open item can be closed early (not a draft, a scheduled or a closed one). */
  item_not_open: { status: 409 },

  /** The results of this item are not public (yet): they open when it closes, or never. */
  results_not_public: { status: 403 },

  // ---- Feedback ----
  /** Feedback can only be given on a published item. */
  item_not_published: { status: 409 },
  /** This feedback entry was corrected already; correct the correction instead. */
  feedback_already_corrected: { status: 409 },

  // ---- Tables (participation tables, sign-ups and the selection) ----
  /** The item is a poll or question, not a table. */
  item_not_table: { status: 409 },
  /** The selection has been made, so the assignment of the table can no longer change. */
  assignment_frozen: { status: 409 },
  /** The table has no assignment yet; set it first. */
  assignment_missing: { status: 409 },
  /** The selection of this table has been made already (perhaps by a colleague just now). */
  selection_already_made: { status: 409 },
  /** Sign-up for the table is still open; the selection waits until it closes. */
  signup_still_open: { status: 409 },
  /** The link of a parent or guardian is unknown, used already, or expired. */
  guardian_link_invalid: { status: 404 },
  /** The link that confirms an e-mail address (or the yearly Benader mij yes) is unknown, used already, or expired. */
  contact_link_invalid: { status: 404 },
  /** An e-mail alert's confirmation or unsubscribe link that is unknown, used, or whose alert is gone. */
  alert_link_invalid: { status: 404 },
  /** The "leave Benader mij" link is unknown, used already, or the registration is gone. */
  network_link_invalid: { status: 404 },
  /** The consent text the resident saw is not the current one: reload and agree again. */
  consent_outdated: { status: 409 },
  /** The municipality gave its final response on this item already: there is nothing left to mail. */
  feedback_final: { status: 409 },

  // ---- Officials (admin) ----
  /** An account with this e-mail address exists already. */
  email_taken: { status: 409 },
  /** An admin cannot disable their own account (so a municipality is never left without one). */
  cannot_disable_self: { status: 409 },

  // ---- Municipalities, regions and their settings ----
  /** A municipality with this slug exists already. */
  municipality_exists: { status: 409 },
  /** A region with this slug exists already. */
  region_exists: { status: 409 },
  /** There is no region with this slug; create it first. */
  region_unknown: { status: 404 },
  /** The item's theme is not one of its municipality's themes (an admin adds it on the Gemeente page). */
  theme_not_in_vocabulary: { status: 409 },
  /** A translation is in a language the municipality does not offer (an admin chooses its content languages on the Gemeente page). */
  translation_language_not_offered: { status: 409 },
  /** A theme cannot be removed while an item that is not closed yet uses it. */
  theme_in_use: { status: 409 },
  /** The logo is not a PNG or an SVG we can read, or the SVG carries scripts, styles that load things or outside links. */
  logo_unsafe: { status: 400 },
  /** The logo is larger than the limit (200 KiB). */
  logo_too_large: { status: 400 },
  // ---- Accounts: passwords, invitations, resets ----
  /**
   * The password is too short, contains the e-mail address or is easy to guess. `invalidParams`
   * holds `{name: 'password', reason: <too_short|too_long|contains_email|too_guessable>}` and
   * zxcvbn's feedback keys as `{name: 'password.warning' | 'password.suggestion', reason: <key>}`.
   */
  password_too_weak: { status: 400 },
  /** The invitation or reset link is unknown, used already, or older than 72 hours. */
  account_link_invalid: { status: 410 },
  /** The current password given to change one's password is not correct. */
  current_password_wrong: { status: 403 },
  // ---- Sign-in: single sign-on (OpenID Connect) and how a municipality signs in ----
  /** This municipality's officials sign in through its identity provider, not with a password. */
  password_sign_in_off: { status: 403 },
  /** The municipality has no single sign-on switched on. */
  sso_not_configured: { status: 404 },
  /** The sign-in through the identity provider is unknown, expired, used already or started in another browser. */
  sso_flow_invalid: { status: 400 },
  /** The identity provider's answer did not check out (error, replayed code, token for someone else, bad signature). */
  sso_rejected: { status: 401 },
  /** The identity provider gives this person no role in Meepraat (their account, if any, is disabled). */
  sso_no_role: { status: 403 },
  /** There is no account for this person and the municipality does not create accounts at first sign-in. */
  sso_account_unknown: { status: 403 },
  /** The person belongs to another municipality (by the claims, or by an existing account). */
  sso_wrong_municipality: { status: 403 },
  /** The account is disabled. */
  account_disabled: { status: 403 },
  /** The identity provider could not be reached or did not describe itself (discovery failed). */
  sso_issuer_unreachable: { status: 400 },
  /** Single sign-on needs the client secret the identity provider gave. */
  sso_client_secret_missing: { status: 400 },
  /** Password sign-in can only be switched off while single sign-on is on. */
  password_sign_in_required: { status: 409 },
  /** The stored client secret cannot be read any more (the server secret changed): enter it again. */
  sso_secret_unreadable: { status: 503 },

  // ---- Sign-in: the second factor (TOTP) ----
  /** The sign-in waits for the code from the authenticator app; nothing else is reachable yet. */
  second_factor_required: { status: 403 },
  /** A second factor is required and not set up yet; set it up first, nothing else is reachable yet. */
  second_factor_enrolment_required: { status: 403 },
  /** The code is wrong, too old, or was used already; or the recovery code is unknown or used. */
  second_factor_code_invalid: { status: 401 },
  /** A second factor is set up already (remove it first to set up another). */
  second_factor_already_enrolled: { status: 409 },
  /** There is no second factor being set up to confirm. */
  second_factor_not_started: { status: 409 },

  // ---- Advice of the participation council ----
  /** The advice was submitted already: it can no longer be edited or submitted again. */
  advice_not_draft: { status: 409 },
  /** The advice is not waiting for an answer: still a draft, or answered already. */
  advice_not_awaiting_response: { status: 409 },
  /** The response must give a decision on every recommendation of the advice, and only on those. */
  advice_response_incomplete: { status: 409 },
  // ---- Signals: triage by officials and the participation council ----
  /** This status cannot follow the signal's current one (it only moves forward; answered and not taken up are final). */
  signal_status_not_allowed: { status: 409 },
  /** On the agenda needs a link: an agenda entry, an item or a meeting of the same municipality. */
  signal_link_required: { status: 400 },
  /** Answered needs the written response. */
  signal_response_required: { status: 400 },
  /** Not taken up needs a reason in plain language (at least 20 characters). */
  signal_reason_required: { status: 400 },
  /** Council members and comments only see published signals; publish it first. */
  signal_not_published: { status: 409 },
  /** The council decides only on signals that asked a place on a meeting's agenda. */
  signal_not_meeting_request: { status: 409 },
  // ---- Participation agenda and input on behalf of residents ----
  /** An agenda is published only when it has at least one topic. */
  agenda_empty: { status: 409 },
  /** The agenda entry an item links to is not one of this municipality's (or no longer exists). */
  agenda_entry_unknown: { status: 409 },
  /** The partner organisation is not one of this municipality's (or no longer exists). */
  partner_unknown: { status: 409 },
  /** This municipality has a partner organisation with this name already. */
  partner_name_taken: { status: 409 },
  /** A partner organisation that answers were entered for stays, so those answers keep their source. */
  partner_in_use: { status: 409 },
} as const satisfies Record<string, { status: number }>

export type ErrorCode = keyof typeof ERROR_CATALOGUE

/** The codes as a tuple, for `z.enum`. */
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as [ErrorCode, ...ErrorCode[]]

/** The HTTP status a code is always sent with. */
export function statusOfCode(code: ErrorCode): number {
  return ERROR_CATALOGUE[code].status
}

/** Whether a string from an answer is one of the catalogue's codes (a newer server may send more). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value)
}
