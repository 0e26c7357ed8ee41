import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { icnsTypes, icoSizes, packIcns, packIco } from '../../scripts/icon-containers.ts'

/** The generated icons are checked in; `npm run icons` rewrites them from resources/icon.svg. */
const resources = resolve(import.meta.dirname, '../../resources')
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Width and height from a PNG's IHDR, which always comes first, and whether it has an alpha channel. */
function pngHeader(png: Buffer): { width: number; height: number; rgba: boolean } {
  expect(png.subarray(0, 8).equals(pngSignature)).toBe(true)
  expect(png.toString('ascii', 12, 16)).toBe('IHDR')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), rgba: png.readUInt8(25) === 6 }
}

function readIco(file: Buffer): Array<{ size: number; png: Buffer }> {
  expect(file.readUInt16LE(0)).toBe(0)
  expect(file.readUInt16LE(2)).toBe(1)
  return Array.from({ length: file.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + 16 * index
    const length = file.readUInt32LE(entry + 8)
    const offset = file.readUInt32LE(entry + 12)
    return { size: file.readUInt8(entry) || 256, png: file.subarray(offset, offset + length) }
  })
}

function readIcns(file: Buffer): Array<{ type: string; png: Buffer }> {
  expect(file.toString('ascii', 0, 4)).toBe('icns')
  expect(file.readUInt32BE(4)).toBe(file.length)
  const entries: Array<{ type: string; png: Buffer }> = []
  for (let offset = 8; offset < file.length; ) {
    const length = file.readUInt32BE(offset + 4)
    expect(length).toBeGreaterThan(8)
    entries.push({ type: file.toString('ascii', offset, offset + 4), png: file.subarray(offset + 8, offset + length) })
    offset += length
  }
  return entries
}

describe('the generated icons', () => {
  it('has one source, resources/icon.svg', () => {
    expect(readFileSync(resolve(resources, 'icon.svg'), 'utf8')).toContain('#4f46e5')
  })

  it('has a transparent PNG per size, and icon.png at 512', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngHeader(readFileSync(resolve(resources, 'icons', `${size}x${size}.png`)))).toEqual({ width: size, height: size, rgba: true })
    }
    expect(pngHeader(readFileSync(resolve(resources, 'icon.png')))).toEqual({ width: 512, height: 512, rgba: true })
  })

  it('packs icon.ico with PNG entries from 16 to 256, each as large as its directory entry says', () => {
    const entries = readIco(readFileSync(resolve(resources, 'icon.ico')))
    expect(entries.map(({ size }) => size)).toEqual([16, 24, 32, 48, 64, 128, 256])
    for (const { size, png } of entries) expect(pngHeader(png)).toMatchObject({ width: size, height: size })
  })

  it('packs icon.icns with PNG-typed entries from 16 to 1024', () => {
    const entries = readIcns(readFileSync(resolve(resources, 'icon.icns')))
    const sizeOfType: Record<string, number> = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024 }
    expect(entries.map(({ type }) => type)).toEqual(Object.keys(sizeOfType))
    for (const { type, png } of entries) expect(pngHeader(png)).toMatchObject({ width: sizeOfType[type], height: sizeOfType[type] })
  })

  it('is what npm run icons would write from the PNGs beside it (the containers are not stale)', () => {
    const png = (size: number) => readFileSync(resolve(resources, 'icons', `${size}x${size}.png`))
    expect(packIco(icoSizes.map((size) => ({ size, png: png(size) }))).equals(readFileSync(resolve(resources, 'icon.ico')))).toBe(true)
    const icns = packIcns(icnsTypes.map(([type, size]) => ({ type, png: png(size) })))
    expect(icns.equals(readFileSync(resolve(resources, 'icon.icns')))).toBe(true)
  })
})
