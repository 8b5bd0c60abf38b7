// The setup content as the cmdlet lines that create it, for `pchat init --from --setup`: the
// baseline the generator is measured against (issue 12, P8).

import type {ListModifier} from '../cmdlets/types.js';
import {formatTimeSpan} from '../domain/timespan.js';
import {renderCommandLine} from '../lang/render-line.js';
import type {CategorySpec, RoomSpec, SetupContent} from './content.js';

const add = (items: readonly string[]): ListModifier | undefined =>
  items.length === 0 ? undefined : {add: [...items]};
const flag = (on: boolean): true | undefined => (on ? true : undefined);

export function setupLines(content: SetupContent): string[] {
  return [
    ...content.policies.map((p) =>
      renderCommandLine('New-CsPersistentChatPolicy', {
        Identity: p.identity,
        EnablePersistentChat: p.enable,
        Description: p.description,
      }),
    ),
    ...content.grants.map((g) =>
      renderCommandLine('Grant-CsPersistentChatPolicy', {Identity: g.user, PolicyName: g.policy}),
    ),
    ...content.configurations.map((c) =>
      renderCommandLine('New-CsPersistentChatConfiguration', {
        Identity: c.identity,
        ParticipantUpdateLimit: c.participantUpdateLimit,
      }),
    ),
    ...content.compliance.map((c) =>
      renderCommandLine('New-CsPersistentChatComplianceConfiguration', {
        Identity: c.identity,
        AddUserDetails: c.addUserDetails || undefined,
        AddChatRoomDetails: c.addChatRoomDetails || undefined,
        OneChatRoomPerOutputFile: c.oneChatRoomPerOutputFile || undefined,
        RunInterval: c.runIntervalSeconds === null ? undefined : formatTimeSpan(c.runIntervalSeconds),
      }),
    ),
    ...content.addins.map((a) =>
      renderCommandLine('New-CsPersistentChatAddin', {
        Name: a.name,
        PersistentChatPoolFqdn: a.pool,
        Url: a.url,
      }),
    ),
    ...content.categories.flatMap(categoryLines),
    ...content.rooms.flatMap(roomLines),
  ];
}

function categoryLines(c: CategorySpec): string[] {
  const lines = [
    renderCommandLine('New-CsPersistentChatCategory', {
      Name: c.name,
      PersistentChatPoolFqdn: c.pool,
      EnableFileUpload: flag(c.fileUpload),
      EnableInvitations: flag(c.invitations),
    }),
  ];
  if (c.allowedMembers.length > 0 || c.creators.length > 0)
    lines.push(
      renderCommandLine('Set-CsPersistentChatCategory', {
        Identity: `${c.pool}\\${c.name}`,
        AllowedMembers: add(c.allowedMembers),
        Creators: add(c.creators),
      }),
    );
  return lines;
}

function roomLines(r: RoomSpec): string[] {
  const lines = [
    renderCommandLine('New-CsPersistentChatRoom', {
      Name: r.name,
      PersistentChatPoolFqdn: r.pool,
      Category: r.category,
      Description: r.description ?? undefined,
      Type: r.type === 'Normal' ? undefined : r.type,
      Privacy: r.privacy === 'Closed' ? undefined : r.privacy,
      Addin: r.addin ?? undefined,
    }),
  ];
  if (r.members.length > 0 || r.managers.length > 0 || r.presenters.length > 0)
    lines.push(
      renderCommandLine('Set-CsPersistentChatRoom', {
        Identity: `${r.pool}\\${r.name}`,
        Members: add(r.members),
        Managers: add(r.managers),
        Presenters: add(r.presenters),
      }),
    );
  return lines;
}
