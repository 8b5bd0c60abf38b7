// Restore-PcBackup of a removal backup when what comes back meets what exists now: refused with an
// error that names the problem (and nothing changes), or done with a warning.

import {describe, expect, it} from 'vitest';
import {ANA, BEN, contentState, MESSAGES, POOL} from '../helpers/content-fixture.js';
import {openSession} from '../helpers/run-lines.js';

const UNDO = 'Get-PcBackup | Select-Object -Last 1 | Restore-PcBackup';

async function opened() {
  const store = await openSession(contentState(), {messages: MESSAGES, yes: true});
  const run = async (line: string) => {
    const result = await store.session.run(line);
    expect(result.errors, line).toEqual([]);
    return result;
  };
  const attempt = (line: string) => store.session.run(line);
  return {...store, run, attempt};
}

const errorIds = (run: {errors: readonly {errorId: string}[]}) => run.errors.map((e) => e.errorId);
const warningIds = (run: {warnings: readonly {warningId: string}[]}) => run.warnings.map((w) => w.warningId);

describe('Restore-PcBackup of a removal backup', () => {
  it('refuses a room whose name a room created since holds, and changes nothing', async () => {
    const {run, attempt, session} = await opened();
    await run(`Remove-CsPersistentChatRoom -Identity "${POOL}\\ItRoom"`);
    await run(`New-CsPersistentChatRoom -Name ItRoom -Category "${POOL}\\IT"`);
    const revision = session.state.revision;
    const restore = await attempt(UNDO);
    expect(errorIds(restore)).toEqual(['DuplicateName']);
    expect(restore.errors[0]?.message).toContain(`Cannot restore ${POOL}\\ItRoom`);
    expect(session.state.revision).toBe(revision);
  });

  it('refuses a room whose category was removed since, naming the backup that holds it', async () => {
    const {run, attempt, session, store} = await opened();
    await run(`Remove-CsPersistentChatRoom -Identity "${POOL}\\ProjectsRoom"`);
    await run(`Remove-CsPersistentChatCategory -Identity "${POOL}\\Projects"`);
    const [roomBackup, categoryBackup] = store.ports().backups.list();
    const refused = await attempt(`Restore-PcBackup -Identity ${roomBackup!.id}`);
    expect(errorIds(refused)).toEqual(['CategoryNotFound']);
    expect(refused.errors[0]?.message).toContain(`Restore backup ${categoryBackup!.id} first`);
    await run(`Restore-PcBackup -Identity ${categoryBackup!.id}`);
    await run(`Restore-PcBackup -Identity ${roomBackup!.id}`);
    expect(session.state.rooms.some((r) => r.name === 'ProjectsRoom')).toBe(true);
  });

  it('refuses a second restore of the same backup', async () => {
    const {run, attempt} = await opened();
    await run(`Remove-CsPersistentChatRoom -Identity "${POOL}\\ItRoom"`);
    await run(UNDO);
    expect(errorIds(await attempt(UNDO))).toEqual(['AlreadyExists']);
  });

  it('refuses messages whose ids are in the log again', async () => {
    const {run, attempt, store} = await opened();
    await run(`Remove-CsPersistentChatMessage -Identity "${POOL}\\ItRoom" -UserUri "${ANA}" -Remove`);
    const [backup] = store.ports().backups.list();
    await run(`Restore-PcBackup -Identity ${backup!.id}`);
    const again = await attempt(`Restore-PcBackup -Identity ${backup!.id}`);
    expect(errorIds(again)).toEqual(['AlreadyExists']);
    expect(again.errors[0]?.message).toContain('msg-1');
  });

  it('says there is nothing to restore when every replaced message changed since', async () => {
    const {run, attempt, store} = await opened();
    await run(`Remove-CsPersistentChatMessage -Identity "${POOL}\\ItRoom" -UserUri "${BEN}"`);
    await run(`Remove-CsPersistentChatMessage -Identity "${POOL}\\ItRoom" -UserUri "${BEN}" -Remove`);
    const [first] = store.ports().backups.list();
    expect(errorIds(await attempt(`Restore-PcBackup -Identity ${first!.id}`))).toEqual(['NothingToRestore']);
  });

  it('warns about replaced messages changed since and brings back the rest', async () => {
    const {run, store} = await opened();
    await run(`Remove-CsPersistentChatMessage -Identity "${POOL}\\ItRoom" -UserUri "${ANA}"`);
    await run(`Remove-CsPersistentChatMessage -Identity "${POOL}\\ItRoom" -StartDate "6/1/2018" -Remove`);
    const [first] = store.ports().backups.list();
    const restore = await run(`Restore-PcBackup -Identity ${first!.id}`);
    expect(warningIds(restore)).toEqual(['MessagesChangedSince']);
    const texts = [...store.ports().messages.scan({})].map((m) => m.text);
    expect(texts).toEqual(MESSAGES.slice(0, 4).map((m) => m.text));
  });

  it('brings a room back without the add-in removed since, with a warning', async () => {
    const {run, session} = await opened();
    await run(`Remove-CsPersistentChatRoom -Identity "${POOL}\\HelpRoom"`);
    await run(`Remove-CsPersistentChatAddin -Identity "${POOL}\\ItDashboard"`);
    const restore = await run(UNDO);
    expect(warningIds(restore)).toEqual(['AddinNotRestored']);
    expect(session.state.rooms.find((r) => r.name === 'HelpRoom')).toMatchObject({
      addinId: null,
      members: [BEN],
    });
  });

  it('leaves out members the category no longer allows, with a warning', async () => {
    const {run, session} = await opened();
    await run(`Remove-CsPersistentChatRoom -Identity "${POOL}\\ItRoom"`);
    await run(`Set-CsPersistentChatCategory -Identity "${POOL}\\IT" -DeniedMembers @{Add="${BEN}"}`);
    const restore = await run(UNDO);
    expect(warningIds(restore)).toEqual(['PrincipalsPurged']);
    expect(session.state.rooms.find((r) => r.name === 'ItRoom')).toMatchObject({
      members: [ANA],
      managers: [ANA],
    });
  });

  it('says under -WhatIf what would come back, and changes nothing', async () => {
    const {run, session, store} = await opened();
    await run(`Remove-CsPersistentChatRoom -Identity "${POOL}\\ItRoom"`);
    const revision = session.state.revision;
    const whatIf = await run(`${UNDO} -WhatIf`);
    expect(whatIf.whatIf.join(' ')).toContain(`rooms ${POOL}\\ItRoom; 5 messages`);
    expect(session.state.revision).toBe(revision);
    expect([...store.ports().messages.scan({})]).toEqual([]);
  });
});
