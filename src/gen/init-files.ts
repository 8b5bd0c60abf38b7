// A generated store as the two files `pchat init --from DEPLOYMENT --setup SCRIPT` takes, so the
// generator can be timed against the way a store is made today (issue 12, P8).

import fs from 'node:fs';
import path from 'node:path';
import type {DeploymentFile} from '../domain/deployment-schema.js';
import type {GeneratedStore} from './generate.js';
import {setupLines} from './setup-script.js';

export interface InitFiles {
  readonly deployment: string;
  readonly setup: string;
  readonly setupLines: number;
}

export function writeInitFiles(dir: string, generated: GeneratedStore): InitFiles {
  fs.mkdirSync(dir, {recursive: true});
  const rooms = new Map(generated.state.rooms.map((r) => [r.id, `${r.poolFqdn}\\${r.name}`]));
  const demoCount = generated.demoMessages.length;
  const messages: NonNullable<DeploymentFile['messages']> = [
    ...generated.demoMessages,
    ...generated.messages.slice(demoCount).map((m) => ({
      room: rooms.get(m.roomId) ?? '',
      from: m.author,
      at: m.postedAt,
      text: m.text,
    })),
  ];
  const deployment = path.join(dir, 'deployment.json');
  fs.writeFileSync(deployment, `${JSON.stringify({...generated.deployment, messages})}\n`);
  const lines = setupLines(generated.setup);
  const setup = path.join(dir, 'setup.ps1');
  fs.writeFileSync(setup, `${lines.join('\n')}\n`);
  return {deployment, setup, setupLines: lines.length};
}
