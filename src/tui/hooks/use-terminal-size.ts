// The one source of the terminal size: stdout's columns and rows, 80x24 when unknown, updated on
// every resize event.

import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import type {Size} from '../state/ui-state.js';

export const readSize = (stdout: {columns?: number; rows?: number}): Size => ({
  columns: stdout.columns && stdout.columns > 0 ? stdout.columns : 80,
  rows: stdout.rows && stdout.rows > 0 ? stdout.rows : 24,
});

export function useTerminalSize(): Size {
  const {stdout} = useStdout();
  const [size, setSize] = useState(() => readSize(stdout));
  useEffect(() => {
    const onResize = () => setSize(readSize(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
