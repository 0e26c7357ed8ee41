import { browserTabPage } from '../browser-tab-page.ts'

export const signInSuccessPage = browserTabPage('You are signed in', 'You can close this tab and return to the console.')

export const signInErrorPage = browserTabPage('The sign-in did not finish', 'You can close this tab and return to the console, which says what happened.')
