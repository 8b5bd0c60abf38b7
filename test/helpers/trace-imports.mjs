// Registers a resolve hook that appends every resolved module URL to $PCHAT_TRACE_FILE.
import {register} from 'node:module';

register('./trace-imports-hooks.mjs', import.meta.url);
