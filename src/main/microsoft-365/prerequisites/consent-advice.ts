/**
 * How an admin grants the console's permissions for the whole organisation: again through the
 * console, or in the Entra admin center. The checkbox is named as Microsoft's consent page spells it,
 * in US English. (The sandbox's page says "organisation"; tests/unit/build-output.test.ts uses that
 * spelling to find the sandbox in a build, so the product must not carry it.)
 */
export const grantForOrganisation =
  'Select CONNECT again, sign in as a Global Administrator and tick Consent on behalf of your organization before you select Accept. Or grant admin consent for the console’s app in the Microsoft Entra admin center (Enterprise applications → the app → Permissions).'
