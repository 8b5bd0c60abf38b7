// The figures this bench cannot measure yet. Each is a function, so that measuring it later means
// replacing its body and nothing else.

import {notMeasured, type Figure} from './figure.js';

export const p2 = (): Figure =>
  notMeasured(
    'P2',
    'console cold start to the first complete frame, L',
    '<= 1.5x a minimal Ink app',
    'needs a pseudo-terminal harness for the console; comes with the console work of issue 12',
  );

export const p3 = (): Figure =>
  notMeasured(
    'P3',
    'keypress to frame (cursor, page, pane switch), L',
    'p95 <= 16 ms',
    'needs a pseudo-terminal harness for the console; comes with the console work of issue 12',
  );

export const p4 = (): Figure =>
  notMeasured(
    'P4',
    'each keystroke of a / filter over 10,000 rooms and 50,000 principals, to frame',
    'p95 <= 16 ms',
    'needs a pseudo-terminal harness for the console; comes with the console work of issue 12',
  );
