// Evaluates AWS authorisation requests against IAM policies with @cloud-copilot/iam-simulate.
// Usage: node evaluate.mjs PREFIX INPUT.json
//   PREFIX: the npm prefix the simulator is installed in (its node_modules holds the package)
//   INPUT:  {"account": "...", "policies": {name: document}, "cases": [{policy, action, resource, context}]}
// Prints one JSON array to stdout, one verdict per case, in order:
//   {"result": "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | "Error",
//    "errors": ..., "ignored": [context keys the action does not take], "unvalidated": bool}
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const [prefix, inputFile] = process.argv.slice(2)
const require = createRequire(join(prefix, 'package.json'))
const { runSimulation, runUnsafeSimulation } = require('@cloud-copilot/iam-simulate')
const input = JSON.parse(readFileSync(inputFile, 'utf8'))

// iam-data files Elastic Load Balancing v1 and v2 under one prefix, and for AddTags it keeps v1's
// single resource type (a classic load balancer), so v2 target groups, listeners and rules have no
// resource type there. Only for that action are those ARNs evaluated without the type check.
const UNTYPED = new Set(['elasticloadbalancing:AddTags'])

const verdicts = []
for (const c of input.cases) {
  const simulation = {
    request: {
      principal: `arn:aws:iam::${input.account}:role/elbctl`,
      action: c.action,
      resource: { resource: c.resource, accountId: input.account },
      contextVariables: c.context
    },
    identityPolicies: [{ name: c.policy, policy: input.policies[c.policy] }],
    serviceControlPolicies: [],
    resourceControlPolicies: []
  }
  const response = await runSimulation(simulation, {})
  if (response.resultType === 'error') {
    if (UNTYPED.has(c.action) && response.errors?.message === 'no.resource.types') {
      verdicts.push({ result: runUnsafeSimulation(simulation, {}), unvalidated: true, ignored: [] })
    } else {
      verdicts.push({ result: 'Error', errors: response.errors, ignored: [] })
    }
  } else if (response.resultType === 'single') {
    verdicts.push({
      result: response.overallResult,
      ignored: response.result.ignoredContextKeys ?? [],
      unvalidated: false
    })
  } else {
    verdicts.push({ result: 'Error', errors: { message: 'wildcard resource ' + c.resource }, ignored: [] })
  }
}
process.stdout.write(JSON.stringify(verdicts))
