import {describe, expect, it} from 'vitest';
import {reduce} from '../../src/tui/state/reducer.js';
import {initialUi, type UiState} from '../../src/tui/state/ui-state.js';
import {contentState} from '../helpers/content-fixture.js';

const base = (): UiState =>
  initialUi({chat: contentState(), now: 0, size: {columns: 100, rows: 30}, pane: 'rooms'});
const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

describe('reduce', () => {
  it('moves the cursor by id and keeps it in the window', () => {
    let ui = base();
    for (let i = 0; i < 6; i++) ui = reduce(ui, {type: 'cursorMove', move: 'down', ids, height: 5});
    expect(ui.lists.rooms.cursorId).toBe('g');
    expect(ui.lists.rooms.top).toBe(4);
  });

  it('keeps the cursor on the same row when the rows are reordered', () => {
    let ui = reduce(base(), {type: 'cursorTo', pane: 'rooms', id: 'c'});
    ui = reduce(ui, {type: 'follow', ids: ['c', 'a', 'b'], height: 5});
    expect(ui.lists.rooms.cursorId).toBe('c');
    expect(ui.lists.rooms.lastIndex).toBe(0);
  });

  it('returns the same object when nothing changed', () => {
    const ui = base();
    expect(reduce(ui, {type: 'popView'})).toBe(ui);
    expect(reduce(ui, {type: 'focusPane', pane: 'rooms'})).toBe(ui);
    expect(reduce(ui, {type: 'filter', pane: 'rooms', text: ''})).toBe(ui);
  });

  it('switching pane starts at its list and keeps the other panes as they were', () => {
    let ui = reduce(base(), {
      type: 'pushView',
      view: {kind: 'detail', pane: 'rooms', id: 'x', scroll: 0, extra: null},
    });
    ui = reduce(ui, {type: 'marks', pane: 'rooms', marks: ['a']});
    ui = reduce(ui, {type: 'focusPane', pane: 'categories'});
    expect(ui.stack).toEqual([{kind: 'list', pane: 'categories'}]);
    expect(ui.lists.rooms.marks).toEqual(['a']);
  });

  it('keeps the command history without repeats, newest last', () => {
    let ui = base();
    for (const line of ['Get-A', 'Get-A', 'Get-B', '  ']) ui = reduce(ui, {type: 'history', line});
    expect(ui.history).toEqual(['Get-A', 'Get-B']);
  });

  it('counts operations under way and never goes below zero', () => {
    let ui = reduce(base(), {type: 'busy', delta: 1});
    ui = reduce(reduce(ui, {type: 'busy', delta: -1}), {type: 'busy', delta: -1});
    expect(ui.busy).toBe(0);
  });

  it('scrolls a detail view within its lines', () => {
    let ui = reduce(base(), {
      type: 'pushView',
      view: {kind: 'detail', pane: 'rooms', id: 'x', scroll: 0, extra: null},
    });
    ui = reduce(ui, {type: 'scroll', move: 'last', lines: 40, height: 10});
    expect(ui.stack[1]).toMatchObject({scroll: 30});
    ui = reduce(ui, {type: 'scroll', move: 'pageDown', lines: 40, height: 10});
    expect(ui.stack[1]).toMatchObject({scroll: 30});
  });
});
