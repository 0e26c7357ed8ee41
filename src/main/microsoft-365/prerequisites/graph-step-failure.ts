import type { ConnectFailure } from '../../../shared/microsoft-365.ts'
import { UnexpectedGraphAnswerError } from '../graph/unexpected-graph-answer.ts'
import { describeGraphFailure } from '../microsoft-details.ts'

const tryAgainOrSupport = 'Select CONNECT to try again. If it happens again, contact support and give them the details below.'

/**
 * A Graph call of the checks that failed, told the way the admin can act on it. `reading` names what
 * the console was reading, e.g. "your directory roles".
 */
export function graphStepFailure(error: unknown, reading: string): ConnectFailure {
  if (error instanceof UnexpectedGraphAnswerError) {
    return {
      kind: 'microsoft',
      title: `Microsoft 365 sent an answer the console did not expect while it was reading ${reading}.`,
      fix: tryAgainOrSupport,
      details: null
    }
  }
  const { kind, details } = describeGraphFailure(error)
  switch (kind) {
    case 'network':
      return {
        kind: 'network',
        title: 'The console could not reach Microsoft 365 to check the prerequisites.',
        fix: 'Check that this computer is online and that no proxy or firewall blocks Microsoft 365, then select CONNECT again.',
        details
      }
    case 'throttled':
    case 'unavailable':
      return {
        kind: 'microsoft',
        title: 'Microsoft 365 did not answer while the console was checking the prerequisites.',
        fix: 'This is usually temporary. Try again in a few minutes: select CONNECT again.',
        details
      }
    case 'forbidden':
      return {
        kind: 'microsoft',
        title: `Microsoft 365 did not let the console read ${reading}.`,
        fix: 'Select CONNECT again, sign in as a Global Administrator and tick Consent on behalf of your organization before you select Accept. If it happens again, contact support and give them the details below.',
        details
      }
    case 'accessToken':
      return {
        kind: 'signIn',
        title: 'The console could not get access to Microsoft 365 for your account after you signed in.',
        fix: 'Select CONNECT and sign in again. If it happens again, contact support and give them the details below.',
        details
      }
    case 'microsoft':
      return { kind: 'microsoft', title: `Microsoft 365 answered with an error while the console was reading ${reading}.`, fix: tryAgainOrSupport, details }
  }
}
