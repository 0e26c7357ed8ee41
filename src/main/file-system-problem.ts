import { errorCode } from './error-code.ts'

/**
 * Says in a few plain words why the operating system refused a file operation. Only the error's
 * code is read: the message of a Node file error repeats the path and the call, which the sentence
 * around this one already says better.
 */
export function fileSystemProblem(error: unknown): string {
  const code = errorCode(error) ?? ''
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EEXIST':
      return 'a file with that name is in the way'
    case 'ENOTDIR':
      return 'part of that path is a file, not a folder'
    case 'ENOENT':
      return 'part of that path does not exist'
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full'
    case 'EROFS':
      return 'the disk is read-only'
    case 'EBUSY':
    case 'EMFILE':
      return 'the system is busy; try again in a moment'
    default:
      return code ? `the system refused it (${code})` : 'it could not be read or written'
  }
}
