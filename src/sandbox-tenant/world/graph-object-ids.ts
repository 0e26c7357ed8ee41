import { randomUUID } from 'node:crypto'

/**
 * Entra builds an oauth2PermissionGrant's id from the .NET byte layout of the client's
 * service principal id, the resource's and, for a single user's grant, the user's.
 * Matching it keeps ids shaped like the ones in Microsoft's examples.
 */
export function permissionGrantId(clientId: string, resourceId: string, principalId: string | null): string {
  const parts = [clientId, resourceId, ...(principalId ? [principalId] : [])]
  return Buffer.concat(parts.map(dotNetGuidBytes)).toString('base64url')
}

export function newObjectId(): string {
  return randomUUID()
}

function dotNetGuidBytes(guid: string): Buffer {
  const hex = guid.replace(/-/g, '')
  const bytes = Buffer.from(hex, 'hex')
  if (bytes.length !== 16) throw new Error(`Not a GUID: ${guid}`)
  const reordered = Buffer.alloc(16)
  reordered.writeUInt32LE(bytes.readUInt32BE(0), 0)
  reordered.writeUInt16LE(bytes.readUInt16BE(4), 4)
  reordered.writeUInt16LE(bytes.readUInt16BE(6), 6)
  bytes.copy(reordered, 8, 8)
  return reordered
}
