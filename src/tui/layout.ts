// Layout is arithmetic on the terminal size: no measuring after render.

import type {Size} from './state/ui-state.js';

export const MIN_SIZE: Size = {columns: 80, rows: 24};

/** Header, breadcrumbs, footer and the message line. */
export const CHROME_ROWS = 4;

/** A long message wraps onto more lines, up to a third of the screen; the body gives up the rows. */
export const maxMessageRows = (size: Size): number => Math.max(1, Math.floor(size.rows / 3));

/** The root box is one row shorter than the terminal: at full height Ink 6.8 clears the screen on every frame. */
export const rootHeight = (size: Size): number => Math.max(1, size.rows - 1);

/** `messageRows`: the lines the message area takes (one unless a long message wraps). */
export const bodyHeight = (size: Size, messageRows = 1): number =>
  Math.max(3, rootHeight(size) - CHROME_ROWS - (messageRows - 1));

/** Rows of data in a list: the body minus its top border (with the title), column header and bottom border. */
export const listHeight = (size: Size, messageRows = 1): number =>
  Math.max(1, bodyHeight(size, messageRows) - 3);

/** Lines of text in a detail or result view: the body minus its two borders. */
export const textHeight = (size: Size, messageRows = 1): number =>
  Math.max(1, bodyHeight(size, messageRows) - 2);

export const tooSmall = (size: Size): boolean => size.columns < MIN_SIZE.columns || size.rows < MIN_SIZE.rows;

/** Width inside the body's side borders and one column of padding each side. */
export const innerWidth = (size: Size): number => Math.max(10, size.columns - 4);
