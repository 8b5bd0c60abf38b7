import {describe, expect, it} from 'vitest';
import {outcomeMessage} from '../../src/tui/run-outcome.js';
import {contentState, MESSAGES, POOL} from '../helpers/content-fixture.js';
import {openSession} from '../helpers/run-lines.js';

describe('the message line after a run', () => {
  it('names the removal backup and the line that undoes a removal', async () => {
    const {session, store} = await openSession(contentState(), {messages: MESSAGES});
    const line = `Remove-CsPersistentChatRoom -Identity "${POOL}\\ItRoom"`;
    const outcome = outcomeMessage(line, await session.run(line));
    const [backup] = store.ports().backups.list();
    expect(outcome).toEqual({
      level: 'ok',
      text: `Kept what it removed in backup ${backup!.id}: Restore-PcBackup -Identity ${backup!.id} undoes it.`,
      detail: `ran: ${line}`,
    });
  });

  it('shows the line itself after a change that keeps no backup', async () => {
    const {session} = await openSession(contentState());
    const line = 'New-CsPersistentChatPolicy -Identity Later';
    expect(outcomeMessage(line, await session.run(line))).toEqual({level: 'ok', text: line});
  });
});
