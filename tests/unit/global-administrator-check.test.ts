import { describe, expect, it } from 'vitest'
import {
  assessDirectoryRoles,
  globalAdministratorFailure,
  globalAdministratorTemplateId,
  type DirectoryRole
} from '../../src/main/microsoft-365/prerequisites/global-administrator-check.ts'
import { readFixtureJson } from '../support/microsoft-fixtures.ts'

const globalAdministrator: DirectoryRole = { '@odata.type': '#microsoft.graph.directoryRole', id: 'r1', roleTemplateId: globalAdministratorTemplateId }
const limited = (id: string): DirectoryRole => ({ '@odata.type': '#microsoft.graph.directoryRole', id })

/** The one directoryRole among Microsoft's examples: User Administrator, in graph.batch.response.json. */
function userAdministrator(): DirectoryRole {
  const batch = readFixtureJson('graph.batch.response.json') as { responses: Array<{ body: { value?: DirectoryRole[] } }> }
  const role = batch.responses[0]?.body.value?.[0]
  if (!role) throw new Error('fixture changed')
  return role
}

describe('assessDirectoryRoles', () => {
  it('finds the Global Administrator template, whatever the case of the GUID', () => {
    expect(assessDirectoryRoles([globalAdministrator])).toBe('globalAdministrator')
    expect(assessDirectoryRoles([{ ...globalAdministrator, roleTemplateId: globalAdministratorTemplateId.toUpperCase() }])).toBe('globalAdministrator')
  })

  it('says no for User Administrator alone, from Microsoft’s example', () => {
    expect(assessDirectoryRoles([userAdministrator()])).toBe('notGlobalAdministrator')
  })

  it('says no for an account without roles', () => {
    expect(assessDirectoryRoles([])).toBe('notGlobalAdministrator')
  })

  it('cannot tell when roles come back with only id and @odata.type, and never guesses yes', () => {
    expect(assessDirectoryRoles([limited('r1')])).toBe('cannotTell')
    expect(assessDirectoryRoles([userAdministrator(), limited('r2')])).toBe('cannotTell')
  })

  it('needs no guess when a readable role is already the one', () => {
    expect(assessDirectoryRoles([limited('r0'), globalAdministrator])).toBe('globalAdministrator')
  })
})

describe('globalAdministratorFailure', () => {
  it('names the account and says to sign in with a Global Administrator', () => {
    const failure = globalAdministratorFailure('notGlobalAdministrator', 'AdeleV@contoso.onmicrosoft.com')
    expect(failure).toMatchObject({ kind: 'globalAdministrator', title: 'AdeleV@contoso.onmicrosoft.com is not a Global Administrator.', details: null })
    expect(failure.fix).toMatch(/^Sign in with a Global Administrator account/)
  })

  it('says why it could not tell, and which permission reads directory roles', () => {
    const failure = globalAdministratorFailure('cannotTell', 'MeganB@contoso.onmicrosoft.com')
    expect(failure.title).toMatch(/^The console could not tell whether this account is a Global Administrator, because/)
    expect(failure.title).toContain('directory roles')
    expect(failure.fix).toContain('Directory.Read.All')
  })
})
