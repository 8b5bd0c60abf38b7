// The demo deployment every generated store starts from.

import type {DeploymentFile} from '../domain/deployment-schema.js';
import {DEMO_DEPLOYMENT} from '../workspace.js';
import {readTextFile} from '../input-files.js';

export const readDemoDeployment = (): DeploymentFile =>
  JSON.parse(readTextFile(DEMO_DEPLOYMENT)) as DeploymentFile;
