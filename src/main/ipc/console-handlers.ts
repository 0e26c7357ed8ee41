import type { MethodArgs, MethodName, MethodResult } from '../../shared/contract.ts'

/** What main implements for each contract method; the dispatcher validates around it. */
export type ConsoleHandlers = {
  [M in MethodName]: (...args: MethodArgs<M>) => Promise<MethodResult<M>> | MethodResult<M>
}
