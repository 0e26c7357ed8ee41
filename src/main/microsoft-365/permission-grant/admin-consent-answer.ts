import type { MicrosoftDetails } from '../../../shared/microsoft-365.ts'

/**
 * What Microsoft's admin consent redirect said (fixtures/microsoft/entra.v2.adminconsent.*.redirect.txt).
 * Success carries `admin_consent=True`; a failure carries `error` and an `error_description` that
 * begins with the AADSTS code and ends with the trace and correlation IDs. A declined consent also
 * carries `admin_consent=True`, so `error` is read first.
 */
export type AdminConsentAnswer =
  | {
      kind: 'granted'
      /** The tenant the browser named. Anyone can type a URL: it is logged, never trusted. */
      tenant: string | null
    }
  | {
      kind: 'refused'
      /** The OAuth error, e.g. `consent_required` or `access_denied`. */
      error: string
      /** The AADSTS code from `error_description`, e.g. `AADSTS65004`, when there is one. */
      aadsts: string | null
      details: MicrosoftDetails
    }

const detailLimit = 200

export function readAdminConsentAnswer(query: URLSearchParams): AdminConsentAnswer {
  const error = query.get('error')
  if (error) return refused(error, query.get('error_description') ?? '')
  if (query.get('admin_consent')?.toLowerCase() === 'true') return { kind: 'granted', tenant: query.get('tenant') }
  // Neither a grant nor an error: nothing Microsoft documents, so nothing was granted.
  return refused('invalid_response', '')
}

function refused(error: string, description: string): AdminConsentAnswer {
  const aadsts = /\bAADSTS\d+/.exec(description)?.[0] ?? null
  // Entra's trace ID finds the request in its sign-in logs; the correlation ID also does, as a fallback.
  const requestId = /Trace ID:\s*([0-9a-fA-F-]{36})/.exec(description)?.[1] ?? /Correlation ID:\s*([0-9a-fA-F-]{36})/.exec(description)?.[1]
  const at = timestampOf(description)
  const details: MicrosoftDetails = {
    code: clip(aadsts ?? error),
    ...(requestId ? { requestId } : {}),
    ...(at ? { at } : {})
  }
  return { kind: 'refused', error: clip(error), aadsts, details }
}

/** Entra writes `Timestamp: 2019-09-24 18:34:26Z`. */
function timestampOf(description: string): string | undefined {
  const stamp = /Timestamp:\s*(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})Z/.exec(description)
  if (!stamp) return undefined
  const parsed = new Date(`${stamp[1] ?? ''}T${stamp[2] ?? ''}Z`)
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString()
}

function clip(value: string): string {
  return value.length > detailLimit ? value.slice(0, detailLimit) : value
}
