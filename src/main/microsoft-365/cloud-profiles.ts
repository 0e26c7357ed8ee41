import type { CloudProfileId } from '../../shared/settings.ts'

/**
 * A Microsoft cloud: where sign-in happens, where the APIs live, and the resource identifiers that
 * prefix their scopes. The resource of a sovereign cloud differs from its global twin, so a token
 * request names the cloud's own (`https://graph.microsoft.us/Directory.Read.All`).
 */
export interface CloudEndpoints {
  loginEndpoint: string
  graphEndpoint: string
  managementEndpoint: string
  /** The scope prefix for Microsoft Graph, without a trailing slash. */
  graphResource: string
  /** The scope prefix for the Office 365 Management APIs, without a trailing slash. */
  managementResource: string
}

export interface CloudProfile extends CloudEndpoints {
  id: Exclude<CloudProfileId, 'sandbox'>
}

/**
 * learn.microsoft.com: "National cloud deployments" (Graph), "Office 365 Management Activity API
 * reference" (its GCC High and 21Vianet roots), and "National clouds" (Entra authorities).
 */
export const cloudProfiles: Record<CloudProfile['id'], CloudProfile> = {
  global: {
    id: 'global',
    loginEndpoint: 'https://login.microsoftonline.com/',
    graphEndpoint: 'https://graph.microsoft.com/',
    managementEndpoint: 'https://manage.office.com/',
    graphResource: 'https://graph.microsoft.com',
    managementResource: 'https://manage.office.com'
  },
  usGovernment: {
    id: 'usGovernment',
    loginEndpoint: 'https://login.microsoftonline.us/',
    graphEndpoint: 'https://graph.microsoft.us/',
    managementEndpoint: 'https://manage.office365.us/',
    graphResource: 'https://graph.microsoft.us',
    managementResource: 'https://manage.office365.us'
  },
  china: {
    id: 'china',
    loginEndpoint: 'https://login.chinacloudapi.cn/',
    graphEndpoint: 'https://microsoftgraph.chinacloudapi.cn/',
    managementEndpoint: 'https://manage.protection.partner.outlook.cn/',
    graphResource: 'https://microsoftgraph.chinacloudapi.cn',
    managementResource: 'https://manage.protection.partner.outlook.cn'
  }
}
