/** A scenario request that names something the sandbox does not have. */
export class ScenarioError extends Error {
  override name = 'ScenarioError'
}
