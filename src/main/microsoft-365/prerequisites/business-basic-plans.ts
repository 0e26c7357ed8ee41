/**
 * Service plans by Microsoft's plan IDs (licensing service plan reference; the shared fixture
 * licensing-service-plans.csv). Part numbers of SKUs keep changing, plans and their IDs do not, so
 * the subscription check matches plans (DESIGN.md, "Checks that Microsoft's docs support").
 */
export interface ServicePlan {
  servicePlanName: string
  servicePlanId: string
}

/**
 * Full Exchange Online mailboxes: Plan 1 (Business Basic, Standard, Premium, Office 365 E1, A1) and
 * Plan 2 (E3, E5), with their government twins and the legacy Small Business plan. Not
 * EXCHANGE_S_DESKLESS (the F1/F3 kiosk mailbox), and not EXCHANGE_S_FOUNDATION, which many
 * non-mail SKUs carry without any mailbox.
 */
export const exchangeMailboxPlans: readonly ServicePlan[] = [
  { servicePlanName: 'EXCHANGE_S_STANDARD', servicePlanId: '9aaf7827-d63c-4b61-89c3-182f06f82e5c' },
  { servicePlanName: 'EXCHANGE_S_ENTERPRISE', servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0' },
  { servicePlanName: 'EXCHANGE_S_STANDARD_GOV', servicePlanId: 'e9b4930a-925f-45e2-ac2a-3f7788ca6fdd' },
  { servicePlanName: 'EXCHANGE_S_ENTERPRISE_GOV', servicePlanId: '8c3069c0-ccdb-44be-ab77-986203a67df2' },
  { servicePlanName: 'EXCHANGE_L_STANDARD', servicePlanId: 'd42bdbd6-c335-4231-ab3d-c8f348d5aff5' }
]

/**
 * SharePoint Online Plan 1 and Plan 2 and their education, government, developer, midsize and legacy
 * Small Business variants. Not SHAREPOINTDESKLESS (F1/F3), and not SHAREPOINTWAC, which is Office
 * for the web rather than SharePoint itself.
 */
export const sharePointPlans: readonly ServicePlan[] = [
  { servicePlanName: 'SHAREPOINTSTANDARD', servicePlanId: 'c7699d2e-19aa-44de-8edf-1736da088ca1' },
  { servicePlanName: 'SHAREPOINTENTERPRISE', servicePlanId: '5dbe027f-2339-4123-9542-606e4d348a72' },
  { servicePlanName: 'SHAREPOINTSTANDARD_EDU', servicePlanId: '0a4983bb-d3e5-4a09-95d8-b2d0127b3df5' },
  { servicePlanName: 'SHAREPOINTENTERPRISE_EDU', servicePlanId: '63038b2c-28d0-45f6-bc36-33062963b498' },
  { servicePlanName: 'SHAREPOINTENTERPRISE_GOV', servicePlanId: '153f85dd-d912-4762-af6c-d6e0fb4f6692' },
  // The reference names it "SharePoint Plan 1G" (Office 365 G1 GCC).
  { servicePlanName: 'SharePoint Plan 1G', servicePlanId: 'f9c43823-deb4-46a8-aa65-8b551f0c4f8a' },
  { servicePlanName: 'SHAREPOINTENTERPRISE_MIDMARKET', servicePlanId: '6b5b6a67-fc72-4a1f-a2b5-beecf05de761' },
  { servicePlanName: 'SHAREPOINT_S_DEVELOPER', servicePlanId: 'a361d6e2-509e-4e25-a8ad-950060064ef4' },
  { servicePlanName: 'SHAREPOINTLITE', servicePlanId: 'a1f3d0a8-84c0-4ae0-bae4-685917b8ab48' }
]

/** The kiosk plans of the frontline SKUs (Microsoft 365 F1 and F3, Office 365 F3): mail and SharePoint below Business Basic. */
export const frontlinePlans: readonly ServicePlan[] = [
  { servicePlanName: 'EXCHANGE_S_DESKLESS', servicePlanId: '4a82b400-a79f-41a4-b4e2-e94f5787b113' },
  { servicePlanName: 'EXCHANGE_S_DESKLESS_GOV', servicePlanId: '88f4d7ef-a73b-4246-8047-516022144c9f' },
  { servicePlanName: 'SHAREPOINTDESKLESS', servicePlanId: '902b47e5-dcb2-4fdc-858b-c63a90a2bdb9' },
  { servicePlanName: 'SHAREPOINTDESKLESS_GOV', servicePlanId: 'b1aeb897-3a19-46e2-8c27-a609413cf193' }
]

export function includesPlanOf(plans: ReadonlyArray<{ servicePlanId: string }>, wanted: readonly ServicePlan[]): boolean {
  const ids = new Set(wanted.map(({ servicePlanId }) => servicePlanId.toLowerCase()))
  return plans.some(({ servicePlanId }) => ids.has(servicePlanId.toLowerCase()))
}
