import { browserTabPage } from '../browser-tab-page.ts'

export const permissionsGrantedPage = browserTabPage(
  'Permissions granted',
  'You can close this tab and return to the console. The changes take effect at the next heartbeat.'
)

export const permissionsNotGrantedPage = browserTabPage(
  'The permissions were not granted',
  'You can close this tab and return to the console, which says what happened.'
)

/** A request without the console's own `state`: a stale tab, or a page that is not Microsoft's. */
export const unexpectedAnswerPage = browserTabPage('This answer was not expected', 'The console did not ask for it, so it ignored it. You can close this tab.')
