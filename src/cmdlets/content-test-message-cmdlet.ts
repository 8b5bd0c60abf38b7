// Test-CsPersistentChatMessage (rooms-and-content.md section 5.2): a synthetic transaction,
// emulated as a check of the state. It changes nothing and stores no messages.

import {testPersistentChatMessage} from '../domain/message-test.js';
import type {ParamSpec} from './types.js';
import {defineCmdlet} from './define-cmdlet.js';

const client = <const S extends Omit<ParamSpec, 'sets' | 'required'>>(p: S) => ({
  ...p,
  sets: ['ClientPlatform'] as const,
  required: ['ClientPlatform'] as const,
});
const server = <const S extends Omit<ParamSpec, 'sets'>>(p: S) => ({...p, sets: ['ServerPlatform'] as const});

// Spec note: the emulator reaches no server, so its latency is fixed and the output reproducible.
const LATENCY_SUCCESS = '00:00:00.0400000';
const LATENCY_FAILURE = '00:00:00';

export const testMessageCmdlet = defineCmdlet({
  name: 'Test-CsPersistentChatMessage',
  summary:
    'Checks that two users can exchange messages through Persistent Chat: both sign in, join a room, exchange messages and leave.',
  params: {
    TargetFqdn: {
      type: 'string',
      position: 0,
      required: ['ServerPlatform'],
      help: 'FQDN of the pool to test (a Registrar pool or a Persistent Chat pool); optional when there is one chat pool and the users are given.',
      completes: 'pool',
    },
    SenderSipAddress: client({
      type: 'string',
      help: 'SIP address of the sending test user.',
      completes: 'user',
    }),
    SenderCredential: client({
      type: 'credential',
      help: 'Credential of the sender, for example from Get-Credential "EXAMPLE\\ana".',
    }),
    ReceiverSipAddress: client({
      type: 'string',
      help: 'SIP address of the receiving test user.',
      completes: 'user',
    }),
    ReceiverCredential: client({type: 'credential', help: 'Credential of the receiver.'}),
    ChatRoomUri: {
      type: 'string',
      help: 'Room to use: <pool>\\<room> or its ma-chan:// URI; by default the first enabled room where both may post.',
      completes: 'room',
    },
    Authentication: {
      type: 'enum',
      values: ['TrustedServer', 'Negotiate', 'ClientCertificate', 'LiveID'],
      help: 'Authentication type the test uses.',
    },
    RegistrarPort: {type: 'int', min: 1, max: 65535, help: 'SIP port of the Registrar (default 5061).'},
    Setup: server({
      type: 'bool',
      help: '$True prepares a watcher node: checks -TestUser1SipAddress and -TestUser2SipAddress can be used.',
    }),
    TestUser1SipAddress: server({
      type: 'string',
      help: 'First health-monitoring test user (with -Setup).',
      completes: 'user',
    }),
    TestUser2SipAddress: server({
      type: 'string',
      help: 'Second health-monitoring test user (with -Setup).',
      completes: 'user',
    }),
    // Spec note: the log variables belong to the language; the emulator accepts their names and writes no log.
    OutLoggerVariable: {
      type: 'string',
      help: 'Name of a variable for the detailed log (accepted; no log is produced).',
    },
    OutVerboseVariable: {
      type: 'string',
      help: 'Name of a variable for verbose output (accepted; no output is produced).',
    },
    Force: {type: 'switch', help: 'Suppresses non-fatal warnings.'},
  },
  parameterSets: ['ServerPlatform', 'ClientPlatform'],
  examples: [
    {
      code: '$cred1 = Get-Credential "EXAMPLE\\ben"; $cred2 = Get-Credential "EXAMPLE\\ana"; Test-CsPersistentChatMessage -TargetFqdn pc1.dc1.example.org -SenderSipAddress "sip:ben@example.org" -SenderCredential $cred1 -ReceiverSipAddress "sip:ana@example.org" -ReceiverCredential $cred2',
      remarks:
        'Result Success when a room exists where Ben and Ana can both post and both have Persistent Chat enabled; otherwise Failure with the reason.',
    },
  ],
  permission: 'read',
  mutates: false,
  supportsShouldProcess: false,
  confirmImpact: 'None',
  run(ctx, args) {
    const result = testPersistentChatMessage(ctx.state, {
      ...(args.TargetFqdn !== undefined ? {targetFqdn: args.TargetFqdn} : {}),
      ...(args.SenderSipAddress !== undefined ? {sender: args.SenderSipAddress} : {}),
      ...(args.ReceiverSipAddress !== undefined ? {receiver: args.ReceiverSipAddress} : {}),
      ...(args.ChatRoomUri !== undefined ? {chatRoomUri: args.ChatRoomUri} : {}),
      ...(args.TestUser1SipAddress !== undefined ? {testUser1: args.TestUser1SipAddress} : {}),
      ...(args.TestUser2SipAddress !== undefined ? {testUser2: args.TestUser2SipAddress} : {}),
      setup: args.Setup ?? false,
    });
    ctx.write({
      TargetFqdn: result.targetFqdn,
      Result: result.result,
      Latency: result.result === 'Success' ? LATENCY_SUCCESS : LATENCY_FAILURE,
      Error: result.error,
      Diagnosis: result.diagnosis,
    });
  },
});
