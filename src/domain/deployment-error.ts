// The error of a deployment file that is not valid, apart from the loader: a caller that only reports
// it (the command line) need not load the deployment's schema to recognise it.

import type {Issue} from './errors.js';

/** More problems than anyone reads; the count of the rest is still given. */
const MAX_ISSUES = 500;

/** The deployment file is not valid; `issues` lists every problem, each message starting with its JSON path. */
export class DeploymentError extends Error {
  readonly issues: readonly Issue[];

  /** `unlisted`: problems counted but not kept (a streamed file's messages keep only the first). */
  constructor(issues: readonly Issue[], unlisted = 0) {
    const total = issues.length + unlisted;
    const shown =
      total > MAX_ISSUES ? [...issues.slice(0, MAX_ISSUES), moreIssue(total - MAX_ISSUES)] : issues;
    super(
      `The deployment file has ${total} problem${total === 1 ? '' : 's'}:\n${shown.map((i) => `  ${i.message}`).join('\n')}`,
    );
    this.name = 'DeploymentError';
    this.issues = shown;
  }
}

const moreIssue = (n: number): Issue => ({
  errorId: 'InvalidDeployment',
  parameter: null,
  message: `... and ${n} more problems.`,
});
