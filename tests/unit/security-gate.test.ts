import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formatGateTable, judgeFindings, parseAcceptedList, type AcceptedEntry, type Finding } from '../../scripts/security-gate-findings.ts'

function finding(check: string, file: string, line: number, sample?: string): Finding {
  return {
    check,
    file,
    line,
    column: 0,
    severity: 'MEDIUM',
    confidence: 'TENTATIVE',
    manualReview: true,
    ...(sample === undefined ? {} : { sample }),
    description: `${check} description`
  }
}

const openExternal = finding('OPEN_EXTERNAL_JS_CHECK', 'src/main/shell/window.ts', 45, 'if (isAllowedExternalUrl(url)) void shell.openExternal(url)')
const preload = finding('PRELOAD_JS_CHECK', 'src/main/shell/window.ts', 20, 'preload: preloadFile,')
const explainOpenExternal: AcceptedEntry = { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'src/main/shell/window.ts', reason: 'guarded by the allowlist' }
const explainPreload: AcceptedEntry = { check: 'PRELOAD_JS_CHECK', file: 'src/main/**', reason: 'our own sandboxed preload' }

describe('the security gate', () => {
  it('passes when every finding is explained and every explanation is used', () => {
    const result = judgeFindings([openExternal, preload], [explainOpenExternal, explainPreload])
    expect(result.passed).toBe(true)
    expect(result.verdicts.map((verdict) => verdict.acceptedBy)).toEqual([explainOpenExternal, explainPreload])
    expect(result.stale).toEqual([])
  })

  it('passes with no findings and no explanations', () => {
    expect(judgeFindings([], []).passed).toBe(true)
  })

  it('fails on a finding nothing explains', () => {
    const auxclick = finding('AUXCLICK_JS_CHECK', 'src/main/shell/window.ts', 11)
    const result = judgeFindings([openExternal, auxclick], [explainOpenExternal])
    expect(result.passed).toBe(false)
    expect(result.verdicts.filter((verdict) => !verdict.acceptedBy).map((verdict) => verdict.finding)).toEqual([auxclick])
  })

  it('matches the check exactly: an explanation for one check does not cover another in the same file', () => {
    const result = judgeFindings([preload], [{ ...explainOpenExternal, check: 'PRELOAD_JS' }])
    expect(result.passed).toBe(false)
    expect(result.verdicts[0]?.acceptedBy).toBeUndefined()
  })

  it('matches the file by exact path or glob, and nothing else', () => {
    expect(judgeFindings([preload], [{ ...explainPreload, file: 'src/main/**/*.ts' }]).passed).toBe(true)
    expect(judgeFindings([preload], [{ ...explainPreload, file: 'src/main/*.ts' }]).passed).toBe(false)
    expect(judgeFindings([preload], [{ ...explainPreload, file: 'src/preload/**' }]).passed).toBe(false)
  })

  it('fails on a stale explanation that matches no finding', () => {
    const stale: AcceptedEntry = { check: 'CSP_GLOBAL_CHECK', file: 'src/renderer/index.html', reason: 'the meta CSP is fine' }
    const result = judgeFindings([openExternal], [explainOpenExternal, stale])
    expect(result.passed).toBe(false)
    expect(result.stale).toEqual([stale])
  })

  it('with `code`, accepts only a finding whose flagged line contains it', () => {
    const guarded = { ...explainOpenExternal, code: 'isAllowedExternalUrl(url)' }
    expect(judgeFindings([openExternal], [guarded]).passed).toBe(true)
    const unguarded = finding('OPEN_EXTERNAL_JS_CHECK', 'src/main/shell/window.ts', 50, 'void shell.openExternal(url)')
    const result = judgeFindings([openExternal, unguarded], [guarded])
    expect(result.passed).toBe(false)
    expect(result.verdicts.map((verdict) => verdict.acceptedBy !== undefined)).toEqual([true, false])
  })

  it('prints check, file:line, verdict and reason for each finding and stale explanation', () => {
    const stale: AcceptedEntry = { check: 'CSP_GLOBAL_CHECK', file: 'src/renderer/index.html', reason: 'x' }
    const table = formatGateTable(judgeFindings([openExternal, preload], [explainOpenExternal, stale]))
    const lines = table.split('\n')
    expect(lines[0]).toMatch(/^check\s+file:line\s+verdict\s+reason$/)
    expect(lines).toContainEqual(expect.stringMatching(/^OPEN_EXTERNAL_JS_CHECK\s+src\/main\/shell\/window\.ts:45\s+accepted\s+guarded by the allowlist$/))
    expect(lines).toContainEqual(expect.stringMatching(/^PRELOAD_JS_CHECK\s+src\/main\/shell\/window\.ts:20\s+NOT ACCEPTED\s+/))
    expect(lines).toContainEqual(expect.stringMatching(/^CSP_GLOBAL_CHECK\s+src\/renderer\/index\.html\s+STALE\s+/))
  })
})

describe('the accepted list', () => {
  it('refuses entries without a reason, with unknown keys, or that are not a list', () => {
    expect(() => parseAcceptedList({ check: 'X', file: 'y', reason: 'z' })).toThrow(/JSON array/)
    expect(() => parseAcceptedList([{ check: 'X', file: 'y', reason: ' ' }])).toThrow(/entry 0 needs a non-empty "reason"/)
    expect(() => parseAcceptedList([{ check: 'X', file: 'y', reason: 'z', line: 3 }])).toThrow(/unknown keys: line/)
    expect(parseAcceptedList([{ check: 'X', file: 'y', reason: 'z', code: 'c' }])).toEqual([{ check: 'X', file: 'y', reason: 'z', code: 'c' }])
  })

  it('in .ci/electronegativity-accepted.json is well formed', () => {
    const file = '.ci/electronegativity-accepted.json'
    const entries = parseAcceptedList(JSON.parse(readFileSync(file, 'utf8')), file)
    expect(entries.length).toBeGreaterThan(0)
    for (const entry of entries) expect(entry.reason.length, `${entry.check} ${entry.file}`).toBeGreaterThan(40)
  })
})
