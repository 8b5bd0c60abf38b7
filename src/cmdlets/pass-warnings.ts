// Domain warnings reach the caller unless -Force suppresses them (topology spec 1.7).

import type {Warning} from '../domain/errors.js';
import type {CmdletContext} from './types.js';

export const passWarnings = (
  ctx: CmdletContext,
  warnings: readonly Warning[],
  force: boolean | undefined,
): void => {
  if (force === true) return;
  for (const w of warnings) ctx.warn(w.warningId, w.message, w.target);
};
