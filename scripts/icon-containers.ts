/**
 * The two icon containers, packed by hand: each is a small header, an index, and the images. Both
 * Windows (Vista and later) and macOS (10.7 and later) accept PNG-compressed entries, so the PNGs
 * that Chromium rendered go in unchanged and no image library is needed.
 */

/** Every size rendered, from a 16 px tab icon to macOS's 1024 px. */
export const iconSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const
export type IconSize = (typeof iconSizes)[number]

/** Windows shows 16 to 256; an ICO entry cannot be larger than 256. */
export const icoSizes: readonly IconSize[] = [16, 24, 32, 48, 64, 128, 256]

/** The ICNS types whose payload is a PNG (Apple's list; macOS 10.7 and later read them all). */
export const icnsTypes: ReadonlyArray<readonly [type: string, size: IconSize]> = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024]
]

/** ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the PNGs; all little-endian. */
export function packIco(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // 1 = icon (2 would be a cursor)
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index
    // A width or height of 256 does not fit the byte, and the format spells it 0.
    header.writeUInt8(size >= 256 ? 0 : size, entry)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1)
    header.writeUInt8(0, entry + 2) // no palette
    header.writeUInt8(0, entry + 3) // reserved
    header.writeUInt16LE(1, entry + 4) // colour planes
    header.writeUInt16LE(32, entry + 6) // bits per pixel
    header.writeUInt32LE(png.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...images.map(({ png }) => png)])
}

/** 'icns' and the file's length, then per image its four-letter type and length (header included); big-endian. */
export function packIcns(images: ReadonlyArray<{ type: string; png: Buffer }>): Buffer {
  const chunks = images.map(({ type, png }) => {
    const chunkHeader = Buffer.alloc(8)
    chunkHeader.write(type, 0, 4, 'ascii')
    chunkHeader.writeUInt32BE(8 + png.length, 4)
    return Buffer.concat([chunkHeader, png])
  })
  const fileHeader = Buffer.alloc(8)
  fileHeader.write('icns', 0, 4, 'ascii')
  fileHeader.writeUInt32BE(8 + chunks.reduce((total, chunk) => total + chunk.length, 0), 4)
  return Buffer.concat([fileHeader, ...chunks])
}
