// Compliance configurations, and the pools each one effectively applies to.

import type {ChatState, ComplianceConfiguration} from '../../domain/types.js';
import {displaySafe as safe} from '../../lang/display-safe.js';
import {poolsUnderCompliance} from '../../domain/compliance.js';
import {timeSpan, yesNo} from './model.js';
import type {PaneSpec, Row} from './pane.js';

export const findCompliance = (state: ChatState, identity: string): ComplianceConfiguration | undefined =>
  state.compliance.find((c) => c.identity.toLowerCase() === identity.toLowerCase());

const row = (state: ChatState, c: ComplianceConfiguration): Row => ({
  id: c.identity,
  cells: {
    identity: safe(c.identity),
    adapter: safe(c.adapterType ?? '(off)'),
    output: safe(c.adapterOutputDirectory ?? ''),
    interval: timeSpan(c.runIntervalSeconds),
    perRoom: yesNo(c.oneChatRoomPerOutputFile),
    pools: poolsUnderCompliance(state, c.identity)
      .map((p) => safe(p.fqdn))
      .join(', '),
  },
});

export const compliancePane: PaneSpec = {
  id: 'compliance',
  title: 'Compliance',
  noun: 'compliance configuration',
  columns: [
    {key: 'identity', title: 'Identity', min: 10, priority: 1},
    {key: 'adapter', title: 'Adapter', min: 7, priority: 2},
    {key: 'output', title: 'Output directory', min: 10, priority: 3, flex: true},
    {key: 'interval', title: 'Interval', min: 8, priority: 1},
    {key: 'perRoom', title: 'File per room', min: 13, priority: 4},
    {key: 'pools', title: 'Applies to', min: 10, priority: 2},
  ],
  toRows: ({chat}) => chat.compliance.map((c) => row(chat, c)),
  detail: ({chat}, id) => {
    const c = findCompliance(chat, id);
    if (!c) return null;
    return [
      {
        title: 'Compliance configuration',
        lines: [
          {label: 'Identity', value: safe(c.identity)},
          {label: 'AdapterType', value: safe(c.adapterType ?? '')},
          {label: 'AdapterName', value: safe(c.adapterName ?? '')},
          {label: 'AdapterOutputDirectory', value: safe(c.adapterOutputDirectory ?? '')},
          {label: 'OneChatRoomPerOutputFile', value: String(c.oneChatRoomPerOutputFile)},
          {label: 'AddChatRoomDetails', value: String(c.addChatRoomDetails)},
          {label: 'AddUserDetails', value: String(c.addUserDetails)},
          {label: 'CreateFileAttachmentsManifest', value: String(c.createFileAttachmentsManifest)},
          {label: 'CustomConfiguration', value: c.customConfiguration ? '(XSLT set)' : ''},
          {label: 'RunInterval', value: timeSpan(c.runIntervalSeconds)},
        ],
      },
      {
        title: 'Effective for pools',
        lines: poolsUnderCompliance(chat, c.identity).map((p) => ({
          label: safe(p.fqdn),
          value: p.compliance.enabled ? 'compliance on' : 'compliance off in topology',
        })),
      },
    ];
  },
  empty: 'No compliance configurations — n creates one.',
};
