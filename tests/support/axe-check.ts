import { AxeBuilder } from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/**
 * Every screen and dialog, in both themes, must have no violation that axe finds of WCAG 2.0, 2.1 and
 * 2.2 at levels A and AA.
 */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/** One line per failing element, so a failure says what broke, where, and why, without opening a report. */
function describeViolations(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}\n` +
        `  at ${node.target.join(' ')}\n` +
        `  ${(node.failureSummary ?? '').replaceAll('\n', '\n  ')}`
    )
  )
}

export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze()
  expect(describeViolations(results.violations), `axe violations on ${screen}`).toEqual([])
  // axe found nothing wrong; make sure that is because it looked at the screen and not at a blank page.
  expect(results.passes.length, `axe checks that passed on ${screen}`).toBeGreaterThan(0)
}
