// What operators of the Lync and Skype for Business Management Shell type, one entry per line, with
// what PowerShell writes for it on the demo deployment: the text `pchat exec` prints and the JSON
// `pchat exec --json` prints. Expected values follow PowerShell's documented behaviour; where pchat
// decided otherwise on purpose (a "Spec note:" in its help or code), the entry avoids that corner.
//
// To add an idiom, add an entry: `line` is also the test's title.

export interface ErrorJson {
  readonly cmdlet: string;
  readonly errorId: string;
  readonly message: string;
  readonly target: string | null;
}

export interface WarningJson {
  readonly warningId: string;
  readonly message: string;
  readonly target: string | null;
}

export interface Idiom {
  readonly line: string;
  /** Standard output of `pchat exec LINE`, exactly. */
  readonly text: string;
  /** Standard output of `pchat exec --json LINE`, parsed. */
  readonly json: unknown;
  /** Exit status of both runs (0 unless given). */
  readonly status?: number;
  /** Standard error of `pchat exec LINE`, exactly ('' unless given). */
  readonly stderr?: string;
  /** The error and warning objects `--json` writes to standard error after each record's line. */
  readonly records?: readonly (ErrorJson | WarningJson)[];
  /** The line changes the store or writes under exports/: it runs on a store of its own. */
  readonly writes?: boolean;
  /** A file the line writes under the store's exports/, with its content. */
  readonly file?: {readonly name: string; readonly content: string};
}

const POOL = 'pc1.dc1.example.org';
const ROOMS = ['EmeaRoom', 'HelpDeskChatRoom', 'HelpRoom', 'ItRoom', 'LisbonRoom', 'ProjectsRoom'];
const lines = (...items: readonly string[]): string => items.map((item) => `${item}\n`).join('');
/** A table or list as PowerShell writes it: a blank line before and after. */
const block = (...items: readonly string[]): string => `\n${lines(...items)}\n`;
const measured = (m: {
  Count: number;
  Average?: number;
  Sum?: number;
  Maximum?: number;
  Minimum?: number;
}) => ({
  text: block(
    `Count    : ${m.Count}`,
    `Average  :${m.Average === undefined ? '' : ` ${m.Average}`}`,
    `Sum      :${m.Sum === undefined ? '' : ` ${m.Sum}`}`,
    `Maximum  :${m.Maximum === undefined ? '' : ` ${m.Maximum}`}`,
    `Minimum  :${m.Minimum === undefined ? '' : ` ${m.Minimum}`}`,
    'Property :',
  ),
  json: [
    {
      Count: m.Count,
      Average: m.Average ?? null,
      Sum: m.Sum ?? null,
      Maximum: m.Maximum ?? null,
      Minimum: m.Minimum ?? null,
      Property: null,
    },
  ],
});
/** An error as `pchat exec` writes it, with the object `--json` adds. */
const failed = (error: ErrorJson): Pick<Idiom, 'status' | 'stderr' | 'records' | 'text' | 'json'> => ({
  status: 1,
  text: '',
  json: [],
  stderr: lines(`${error.cmdlet} : ${error.message} [${error.errorId}]`),
  records: [error],
});

export const IDIOMS: readonly Idiom[] = [
  // --- The lines of the issue ---
  {
    line: 'Get-CsPersistentChatRoom | Format-Table Name,Privacy',
    text: block(
      'Name             Privacy',
      '----             -------',
      'EmeaRoom         Open',
      'HelpDeskChatRoom Closed',
      'HelpRoom         Secret',
      'ItRoom           Closed',
      'LisbonRoom       Closed',
      'ProjectsRoom     Closed',
    ),
    json: [
      {Name: 'EmeaRoom', Privacy: 'Open'},
      {Name: 'HelpDeskChatRoom', Privacy: 'Closed'},
      {Name: 'HelpRoom', Privacy: 'Secret'},
      {Name: 'ItRoom', Privacy: 'Closed'},
      {Name: 'LisbonRoom', Privacy: 'Closed'},
      {Name: 'ProjectsRoom', Privacy: 'Closed'},
    ],
  },
  {
    line: 'Get-CsPersistentChatRoom | Sort-Object Name -Descending | Select-Object -ExpandProperty Name',
    text: lines(...[...ROOMS].reverse()),
    json: [...ROOMS].reverse(),
  },
  {line: 'Get-CsPersistentChatRoom | Measure-Object', ...measured({Count: 6})},
  {line: 'Get-CsPersistentChatRoom | ForEach-Object {$_.Name}', text: lines(...ROOMS), json: ROOMS},
  {
    line: 'Get-CsPersistentChatRoom | Group-Object Privacy | ForEach-Object {"$($_.Name): $($_.Count)"}',
    text: lines('Open: 1', 'Closed: 4', 'Secret: 1'),
    json: ['Open: 1', 'Closed: 4', 'Secret: 1'],
  },
  {
    line: 'Get-CsPersistentChatRoom | Select-Object Name,Type | Export-Csv rooms.csv -NoTypeInformation',
    text: '',
    json: [],
    writes: true,
    file: {
      name: 'rooms.csv',
      content: lines(
        '"Name","Type"',
        '"EmeaRoom","Normal"',
        '"HelpDeskChatRoom","Auditorium"',
        '"HelpRoom","Normal"',
        '"ItRoom","Normal"',
        '"LisbonRoom","Normal"',
        '"ProjectsRoom","Auditorium"',
      ),
    },
  },
  {
    line: `Get-CsPersistentChatCategory -Identity ${POOL}\\IT | Select-Object Name,FileUpload,AllowedMembers | ConvertTo-Json`,
    text: lines(
      '{',
      '  "Name": "IT",',
      '  "FileUpload": true,',
      '  "AllowedMembers": [',
      '    "DC=example,DC=org"',
      '  ]',
      '}',
    ),
    json: [
      '{\n  "Name": "IT",\n  "FileUpload": true,\n  "AllowedMembers": [\n    "DC=example,DC=org"\n  ]\n}',
    ],
  },
  {line: '(Get-CsPersistentChatRoom).Count', text: lines('6'), json: [6]},
  {line: '"a{0}" -f 1', text: lines('a1'), json: ['a1']},
  {
    line: '$n = "It"; Get-CsPersistentChatRoom | Where-Object {$_.Name -like "$n*"} | Select-Object -ExpandProperty Name',
    text: lines('ItRoom'),
    json: ['ItRoom'],
  },
  {
    line: `$n = "Ops"; New-CsPersistentChatRoom -Name "x$n" -PersistentChatPoolFqdn ${POOL} -Category IT | Select-Object -ExpandProperty Name`,
    text: lines('xOps'),
    json: ['xOps'],
    writes: true,
  },

  // --- Format-Table and Format-List ---
  {
    line: 'Get-CsPersistentChatRoom | Sort-Object Type,Name | ft Name,Type -AutoSize',
    text: block(
      'Name             Type',
      '----             ----',
      'HelpDeskChatRoom Auditorium',
      'ProjectsRoom     Auditorium',
      'EmeaRoom         Normal',
      'HelpRoom         Normal',
      'ItRoom           Normal',
      'LisbonRoom       Normal',
    ),
    json: [
      {Name: 'HelpDeskChatRoom', Type: 'Auditorium'},
      {Name: 'ProjectsRoom', Type: 'Auditorium'},
      {Name: 'EmeaRoom', Type: 'Normal'},
      {Name: 'HelpRoom', Type: 'Normal'},
      {Name: 'ItRoom', Type: 'Normal'},
      {Name: 'LisbonRoom', Type: 'Normal'},
    ],
  },
  {
    line: 'Get-CsPersistentChatCategory | Format-List Name,FileUpload',
    text: block(
      'Name       : HelpDesk',
      'FileUpload : True',
      '',
      'Name       : IT',
      'FileUpload : True',
      '',
      'Name       : ITChat',
      'FileUpload : False',
      '',
      'Name       : Projects',
      'FileUpload : False',
      '',
      'Name       : Sandbox',
      'FileUpload : False',
    ),
    json: [
      {Name: 'HelpDesk', FileUpload: true},
      {Name: 'IT', FileUpload: true},
      {Name: 'ITChat', FileUpload: false},
      {Name: 'Projects', FileUpload: false},
      {Name: 'Sandbox', FileUpload: false},
    ],
  },
  {
    line: 'Get-CsPersistentChatPolicy | ft Identity,EnablePersistentChat',
    text: block(
      'Identity                         EnablePersistentChat',
      '--------                         --------------------',
      'Global                           False',
      'Site:DC1                         True',
      'Tag:DC1PersistentChatPolicy      True',
      'Tag:DC1UsersPersistentChatPolicy True',
    ),
    json: [
      {Identity: 'Global', EnablePersistentChat: false},
      {Identity: 'Site:DC1', EnablePersistentChat: true},
      {Identity: 'Tag:DC1PersistentChatPolicy', EnablePersistentChat: true},
      {Identity: 'Tag:DC1UsersPersistentChatPolicy', EnablePersistentChat: true},
    ],
  },
  {
    line: `Get-CsPersistentChatRoom -Identity ${POOL}\\ItRoom | fl Name,Members,Managers`,
    text: block(
      'Name     : ItRoom',
      'Members  : {sip:ana@example.org, sip:ben@example.org}',
      'Managers : {sip:ana@example.org}',
    ),
    json: [
      {
        Name: 'ItRoom',
        Members: ['sip:ana@example.org', 'sip:ben@example.org'],
        Managers: ['sip:ana@example.org'],
      },
    ],
  },
  {
    line: 'Get-CsPersistentChatRoom | Where-Object {$_.Name -like "*Room"} | Select-Object -First 1 | Format-Table Name',
    text: block('Name', '----', 'EmeaRoom'),
    json: [{Name: 'EmeaRoom'}],
  },

  // --- Sort-Object, Select-Object, Measure-Object, Group-Object ---
  {
    line: 'Get-CsPersistentChatRoom | ForEach-Object {$_.Privacy} | Sort-Object -Unique',
    text: lines('Closed', 'Open', 'Secret'),
    json: ['Closed', 'Open', 'Secret'],
  },
  {
    line: 'Get-CsPersistentChatRoom | Select-Object -ExpandProperty Privacy -Unique',
    text: lines('Open', 'Closed', 'Secret'),
    json: ['Open', 'Closed', 'Secret'],
  },
  {
    line: 'Get-CsPersistentChatRoom | Select-Object -First 2 -ExpandProperty Name',
    text: lines('EmeaRoom', 'HelpDeskChatRoom'),
    json: ['EmeaRoom', 'HelpDeskChatRoom'],
  },
  {
    line: 'Get-CsPersistentChatRoom | Select-Object -Last 2 -ExpandProperty Name',
    text: lines('LisbonRoom', 'ProjectsRoom'),
    json: ['LisbonRoom', 'ProjectsRoom'],
  },
  {
    line: 'Get-CsPersistentChatRoom | Select-Object -Skip 4 -ExpandProperty Name',
    text: lines('LisbonRoom', 'ProjectsRoom'),
    json: ['LisbonRoom', 'ProjectsRoom'],
  },
  {
    line: 'Get-CsPersistentChatRoom | Select-Object -Index 0,2 -ExpandProperty Name',
    text: lines('EmeaRoom', 'HelpRoom'),
    json: ['EmeaRoom', 'HelpRoom'],
  },
  {
    line: 'Get-CsPersistentChatRoom | Select-Object -ExpandProperty Members | Sort-Object -Unique',
    text: lines('sip:ana@example.org', 'sip:ben@example.org'),
    json: ['sip:ana@example.org', 'sip:ben@example.org'],
  },
  {
    line: '1,2,3,4 | Measure-Object -Sum -Average -Maximum -Minimum',
    ...measured({Count: 4, Average: 2.5, Sum: 10, Maximum: 4, Minimum: 1}),
  },
  {
    line: 'Get-CsPersistentChatRoom | % {$_.Name.Length} | Measure-Object -Sum',
    ...measured({Count: 6, Sum: 60}),
  },
  {
    line: 'Get-CsUser -Filter {Department -eq "IT"} | Measure-Object | Select-Object -ExpandProperty Count',
    text: lines('3'),
    json: [3],
  },
  {
    line: 'Get-CsPersistentChatRoom | Group-Object Privacy -NoElement | Sort-Object Count,Name -Descending | ForEach-Object {"$($_.Name)=$($_.Count)"}',
    text: lines('Closed=4', 'Secret=1', 'Open=1'),
    json: ['Closed=4', 'Secret=1', 'Open=1'],
  },
  {
    line: 'Get-CsPersistentChatRoom | Group-Object Type | ForEach-Object {$_.Name + ": " + ($_.Group.Name -join ", ")}',
    text: lines(
      'Normal: EmeaRoom, HelpRoom, ItRoom, LisbonRoom',
      'Auditorium: HelpDeskChatRoom, ProjectsRoom',
    ),
    json: ['Normal: EmeaRoom, HelpRoom, ItRoom, LisbonRoom', 'Auditorium: HelpDeskChatRoom, ProjectsRoom'],
  },

  // --- Where-Object and ForEach-Object, with their aliases ---
  {
    line: 'Get-CsPersistentChatRoom | ? {$_.Privacy -eq "Closed" -and $_.Type -eq "Normal"} | % Name',
    text: lines('ItRoom', 'LisbonRoom'),
    json: ['ItRoom', 'LisbonRoom'],
  },
  {
    line: 'Get-CsPersistentChatRoom | ? {$_.Privacy -eq "Open" -or $_.Privacy -eq "Secret"} | % Name',
    text: lines('EmeaRoom', 'HelpRoom'),
    json: ['EmeaRoom', 'HelpRoom'],
  },
  {
    line: 'Get-CsPersistentChatRoom | Where-Object {$_.Name -match "^It|^Help"} | ForEach-Object {$_.Name}',
    text: lines('HelpDeskChatRoom', 'HelpRoom', 'ItRoom'),
    json: ['HelpDeskChatRoom', 'HelpRoom', 'ItRoom'],
  },
  {
    line: 'Get-CsPersistentChatRoom | Where-Object {$_.Privacy -in "Open","Secret"} | ForEach-Object Name',
    text: lines('EmeaRoom', 'HelpRoom'),
    json: ['EmeaRoom', 'HelpRoom'],
  },
  {
    line: 'Get-CsPersistentChatRoom | Where-Object Privacy -eq Secret | Select-Object -ExpandProperty Name',
    text: lines('HelpRoom'),
    json: ['HelpRoom'],
  },
  {
    line: 'Get-CsPersistentChatRoom | Where-Object {$_.Name -notlike "*Help*"} | ForEach-Object Name',
    text: lines('EmeaRoom', 'ItRoom', 'LisbonRoom', 'ProjectsRoom'),
    json: ['EmeaRoom', 'ItRoom', 'LisbonRoom', 'ProjectsRoom'],
  },
  {
    line: 'Get-CsPersistentChatRoom | ForEach-Object {"$($_.Name): $($_.Privacy)"}',
    text: lines(
      'EmeaRoom: Open',
      'HelpDeskChatRoom: Closed',
      'HelpRoom: Secret',
      'ItRoom: Closed',
      'LisbonRoom: Closed',
      'ProjectsRoom: Closed',
    ),
    json: [
      'EmeaRoom: Open',
      'HelpDeskChatRoom: Closed',
      'HelpRoom: Secret',
      'ItRoom: Closed',
      'LisbonRoom: Closed',
      'ProjectsRoom: Closed',
    ],
  },
  {
    line: 'Get-CsPersistentChatCategory | ForEach-Object {(Get-CsPersistentChatRoom -Category $_.Identity).Count}',
    text: lines('0', '3', '2', '1', '0'),
    json: [0, 3, 2, 1, 0],
  },
  {line: '1..3 | ForEach-Object {$_ * 2}', text: lines('2', '4', '6'), json: [2, 4, 6]},
  {
    line: '$total = 0; 1..4 | ForEach-Object {$total = $total + $_}; $total',
    text: lines('10'),
    json: [10],
  },
  {
    line: 'Get-CsUser | Where-Object {$_.City -eq "Lisbon"} | Select-Object -ExpandProperty SipAddress',
    text: lines('sip:ana@example.org', 'sip:ben@example.org'),
    json: ['sip:ana@example.org', 'sip:ben@example.org'],
  },

  // --- Pipelines of the documented examples ---
  {
    line: 'Get-CsPersistentChatCategory | Where-Object {$_.Invites -eq $False} | ForEach-Object Name',
    text: lines('HelpDesk', 'ITChat', 'Projects', 'Sandbox'),
    json: ['HelpDesk', 'ITChat', 'Projects', 'Sandbox'],
  },
  {
    line: 'Get-CsPersistentChatComplianceConfiguration | Where-Object {$_.OneChatRoomPerOutputFile -eq $True} | Select-Object -ExpandProperty Identity',
    text: lines('Service:PersistentChatServer:pc1.dc1.example.org'),
    json: ['Service:PersistentChatServer:pc1.dc1.example.org'],
  },
  {
    line: `Get-CsPersistentChatEligiblePrincipal -PersistentChatPoolFqdn "${POOL}" -Room "HelpDeskChatRoom" -Presenters | Where-Object {$_.PersistentChatPrincipalType -ne "user"} | Select-Object -ExpandProperty Identity`,
    text: lines(
      'CN=ChatSupport,OU=IT,DC=example,DC=org',
      'CN=ITChatMembers,OU=IT,DC=example,DC=org',
      'OU=IT,DC=example,DC=org',
    ),
    json: [
      'CN=ChatSupport,OU=IT,DC=example,DC=org',
      'CN=ITChatMembers,OU=IT,DC=example,DC=org',
      'OU=IT,DC=example,DC=org',
    ],
  },
  {
    line: 'Get-CsPersistentChatEndpoint | Select-Object -ExpandProperty SipAddress',
    text: lines('sip:pc1chat@example.org', 'sip:pc2chat@example.org'),
    json: ['sip:pc1chat@example.org', 'sip:pc2chat@example.org'],
  },
  {
    line: 'Get-CsPersistentChatConfiguration | Select-Object -ExpandProperty Identity',
    text: lines('Global', 'Site:DC1'),
    json: ['Global', 'Site:DC1'],
  },
  {
    line: 'Get-Command -Noun CsPersistentChatRoom | Select-Object -ExpandProperty Name',
    text: lines(
      'Clear-CsPersistentChatRoom',
      'Get-CsPersistentChatRoom',
      'New-CsPersistentChatRoom',
      'Remove-CsPersistentChatRoom',
      'Set-CsPersistentChatRoom',
    ),
    json: [
      'Clear-CsPersistentChatRoom',
      'Get-CsPersistentChatRoom',
      'New-CsPersistentChatRoom',
      'Remove-CsPersistentChatRoom',
      'Set-CsPersistentChatRoom',
    ],
  },

  // --- Piping Get into Set and Remove; -WhatIf ---
  {
    line: `Get-CsPersistentChatRoom -Identity ${POOL}\\ItRoom | Set-CsPersistentChatRoom -Description "Ops chat"; (Get-CsPersistentChatRoom -Identity ${POOL}\\ItRoom).Description`,
    text: lines('Ops chat'),
    json: ['Ops chat'],
    writes: true,
  },
  {
    line: 'Get-CsPersistentChatRoom -Privacy Open | Set-CsPersistentChatRoom -Privacy Closed; (Get-CsPersistentChatRoom -Privacy Open).Count',
    text: lines('0'),
    json: [0],
    writes: true,
  },
  {
    line: `Get-CsPersistentChatRoom -Identity ${POOL}\\LisbonRoom | Remove-CsPersistentChatRoom -Confirm:$false; (Get-CsPersistentChatRoom).Count`,
    text: lines('5'),
    json: [5],
    writes: true,
  },
  {
    line: 'Get-CsPersistentChatPolicy | Where-Object {$_.EnablePersistentChat -eq $True} | Set-CsPersistentChatPolicy -Description "On"; (Get-CsPersistentChatPolicy | Where-Object {$_.Description -eq "On"}).Identity',
    text: lines('Site:DC1', 'Tag:DC1PersistentChatPolicy', 'Tag:DC1UsersPersistentChatPolicy'),
    json: ['Site:DC1', 'Tag:DC1PersistentChatPolicy', 'Tag:DC1UsersPersistentChatPolicy'],
    writes: true,
  },
  {
    line: `Get-CsPersistentChatRoom -Identity ${POOL}\\LisbonRoom | Remove-CsPersistentChatRoom -WhatIf`,
    text: lines(
      `What if: Performing the operation "Remove-CsPersistentChatRoom" on target "${POOL}\\LisbonRoom".`,
    ),
    json: [],
  },
  {
    line: `New-CsPersistentChatRoom -Name "OpsRoom" -PersistentChatPoolFqdn ${POOL} -Category IT -WhatIf; (Get-CsPersistentChatRoom).Count`,
    text: lines(
      `What if: Performing the operation "New-CsPersistentChatRoom" on target "${POOL}\\OpsRoom".`,
      '6',
    ),
    json: [6],
  },

  // --- Member access, indexing and ranges ---
  {line: '(Get-CsPersistentChatRoom)[0].Name', text: lines('EmeaRoom'), json: ['EmeaRoom']},
  {line: '(Get-CsPersistentChatRoom)[-1].Name', text: lines('ProjectsRoom'), json: ['ProjectsRoom']},
  {line: '(Get-CsPersistentChatRoom).Name', text: lines(...ROOMS), json: ROOMS},
  {
    line: '(Get-CsPersistentChatRoom | Where-Object {$_.Type -eq "Auditorium"}).Count',
    text: lines('2'),
    json: [2],
  },
  {line: `(Get-CsPersistentChatRoom -Identity ${POOL}\\ItRoom).Members.Count`, text: lines('2'), json: [2]},
  {
    line: '$rooms = Get-CsPersistentChatRoom; $rooms[1..2].Name',
    text: lines('HelpDeskChatRoom', 'HelpRoom'),
    json: ['HelpDeskChatRoom', 'HelpRoom'],
  },
  {line: '$s = "abc"; $s.Length', text: lines('3'), json: [3]},
  {line: '$h = @{Name="ItRoom"; Size=2}; $h.Name', text: lines('ItRoom'), json: ['ItRoom']},
  {line: '1..5', text: lines('1', '2', '3', '4', '5'), json: [1, 2, 3, 4, 5]},
  {line: '(1..10)[2..4] -join ","', text: lines('3,4,5'), json: ['3,4,5']},

  // --- Operators ---
  {line: '"{0,-10}|{1,5}" -f "Name",42', text: lines('Name      |   42'), json: ['Name      |   42']},
  {line: '"{0:N2}" -f 3.14159', text: lines('3.14'), json: ['3.14']},
  {line: '"{0:D3}" -f 7', text: lines('007'), json: ['007']},
  {line: '"a","b","c" -join "-"', text: lines('a-b-c'), json: ['a-b-c']},
  {
    line: '"one,two,,three" -split ","',
    text: lines('one', 'two', '', 'three'),
    json: ['one', 'two', '', 'three'],
  },
  {line: '"ItRoom" -replace "Room","Chat"', text: lines('ItChat'), json: ['ItChat']},
  {line: `"sip:ana@example.org" -replace "^sip:(\\w+)@.*$",'$1'`, text: lines('ana'), json: ['ana']},
  {line: '"EmeaRoom","ItRoom" -contains "ItRoom"', text: lines('True'), json: [true]},
  {line: '"ItRoom" -notin "EmeaRoom","HelpRoom"', text: lines('True'), json: [true]},
  {line: '$null -eq $x', text: lines('True'), json: [true]},
  {line: '2 + 3 * 4', text: lines('14'), json: [14]},
  {line: '10 / 4', text: lines('2.5'), json: [2.5]},
  {line: '"x" * 3', text: lines('xxx'), json: ['xxx']},
  {line: '"3" + 4', text: lines('34'), json: ['34']},

  // --- Casts ---
  {line: '[int]"42" + 1', text: lines('43'), json: [43]},
  {line: '[string]42 + 1', text: lines('421'), json: ['421']},
  {line: '[char]65', text: lines('A'), json: ['A']},
  {line: '[bool]"false"', text: lines('True'), json: [true]},
  {line: '([array]"x").Count', text: lines('1'), json: [1]},
  {
    line: '[datetime]"2026-01-15T08:30:00Z" | Get-Date -Format "yyyy-MM-dd"',
    text: lines('2026-01-15'),
    json: ['2026-01-15'],
  },

  // --- Statements and variables ---
  {
    line: 'foreach ($r in Get-CsPersistentChatRoom) { if ($r.Type -eq "Auditorium") { $r.Name } }',
    text: lines('HelpDeskChatRoom', 'ProjectsRoom'),
    json: ['HelpDeskChatRoom', 'ProjectsRoom'],
  },
  {
    line: '$x = 5; if ($x -gt 10) { "big" } elseif ($x -gt 3) { "medium" } else { "small" }',
    text: lines('medium'),
    json: ['medium'],
  },
  {line: '$list = "b","a","c"; $list | Sort-Object', text: lines('a', 'b', 'c'), json: ['a', 'b', 'c']},

  // --- Strings ---
  {line: '$name = "ItRoom"; "Room: $name"', text: lines('Room: ItRoom'), json: ['Room: ItRoom']},
  {
    line: `$r = Get-CsPersistentChatRoom -Identity ${POOL}\\ItRoom; "$($r.Name) is $($r.Privacy)"`,
    text: lines('ItRoom is Closed'),
    json: ['ItRoom is Closed'],
  },
  {line: '"Total: $((Get-CsPersistentChatRoom).Count)"', text: lines('Total: 6'), json: ['Total: 6']},
  {line: '"Room:`nItRoom"', text: lines('Room:', 'ItRoom'), json: ['Room:\nItRoom']},
  {line: '"Say `"hi`""', text: lines('Say "hi"'), json: ['Say "hi"']},
  {line: "'Not $expanded'", text: lines('Not $expanded'), json: ['Not $expanded']},
  {
    line: '$n = "ItRoom"\n$s = @"\nRoom: $n\nPool: $("pc1")\n"@\n$s',
    text: lines('Room: ItRoom', 'Pool: pc1'),
    json: ['Room: ItRoom\nPool: pc1'],
  },
  {line: "$t = @'\nkeep $this\n'@\n$t", text: lines('keep $this'), json: ['keep $this']},

  // --- Conversions ---
  {
    line: '$o = \'{"Name":"ItRoom","Size":3}\' | ConvertFrom-Json; $o.Size + 1',
    text: lines('4'),
    json: [4],
  },
  {
    line: 'Get-CsPersistentChatRoom | Select-Object Name,Privacy -First 2 | ConvertTo-Csv -NoTypeInformation',
    text: lines('"Name","Privacy"', '"EmeaRoom","Open"', '"HelpDeskChatRoom","Closed"'),
    json: ['"Name","Privacy"', '"EmeaRoom","Open"', '"HelpDeskChatRoom","Closed"'],
  },
  {
    line: 'Get-CsPersistentChatPolicy | Select-Object Identity,EnablePersistentChat | Export-Csv policies.csv -NoTypeInformation',
    text: '',
    json: [],
    writes: true,
    file: {
      name: 'policies.csv',
      content: lines(
        '"Identity","EnablePersistentChat"',
        '"Global","False"',
        '"Site:DC1","True"',
        '"Tag:DC1PersistentChatPolicy","True"',
        '"Tag:DC1UsersPersistentChatPolicy","True"',
      ),
    },
  },
  {
    line: 'Get-Date -Date "2026-01-15T08:30:00Z" -Format "dddd, MMMM d, yyyy HH:mm"',
    text: lines('Thursday, January 15, 2026 08:30'),
    json: ['Thursday, January 15, 2026 08:30'],
  },

  // --- Write-* ---
  {line: 'Write-Output "hello"', text: lines('hello'), json: ['hello']},
  {line: 'Write-Output 1,2,3 | Measure-Object -Sum', ...measured({Count: 3, Sum: 6})},
  {
    line: 'Write-Warning "careful"',
    text: '',
    json: [],
    stderr: lines('WARNING: careful [WriteWarning]'),
    records: [{warningId: 'WriteWarning', message: 'careful', target: null}],
  },

  // --- Errors ---
  {
    line: 'Get-CsPersistentChatRoom -Nmae ItRoom',
    ...failed({
      cmdlet: 'Get-CsPersistentChatRoom',
      errorId: 'ParameterBindingError',
      message: "A parameter cannot be found that matches parameter name 'Nmae'.",
      target: null,
    }),
  },
  {
    line: 'Get-CsPersistentChatRoom -Privacy Hidden',
    ...failed({
      cmdlet: 'Get-CsPersistentChatRoom',
      errorId: 'InvalidValue',
      message:
        'Cannot bind parameter \'Privacy\'. Cannot convert value "Hidden" to an allowed value. Specify one of the following values and try again. The possible values are "Open, Closed, Secret".',
      target: null,
    }),
  },
  {
    line: `Get-CsPersistentChatRoom -Identity ${POOL}\\NoSuchRoom`,
    ...failed({
      cmdlet: 'Get-CsPersistentChatRoom',
      errorId: 'RoomNotFound',
      message: `No chat room with the identity "${POOL}\\NoSuchRoom" exists.`,
      target: `${POOL}\\NoSuchRoom`,
    }),
  },
  {
    line: '[int]"abc"',
    ...failed({
      cmdlet: 'Expression',
      errorId: 'InvalidValue',
      message:
        'Cannot convert value "abc" to type "System.Int32". Error: "Input string was not in a correct format."',
      target: null,
    }),
  },
  {
    line: '1 / 0',
    ...failed({
      cmdlet: 'Expression',
      errorId: 'InvalidValue',
      message: 'Attempted to divide by zero.',
      target: null,
    }),
  },

  // --- One parser for filters and values, statements as values, $( ), $Matches, dates, blocks ---
  {line: '0,1,2 | Where-Object {-not $_ -eq $true}', text: lines('0'), json: [0]},
  {
    line: 'Get-CsPersistentChatRoom -Filter {-not Disabled -and Privacy -eq Closed} | ForEach-Object {$_.Name}',
    text: lines('HelpDeskChatRoom', 'ItRoom', 'LisbonRoom', 'ProjectsRoom'),
    json: ['HelpDeskChatRoom', 'ItRoom', 'LisbonRoom', 'ProjectsRoom'],
  },
  {line: '$n = 3; $x = foreach ($i in 1..$n) { $i*2 }; $x -join ","', text: lines('2,4,6'), json: ['2,4,6']},
  {
    line: '$r = (Get-CsPersistentChatRoom).Count; $s = if ($r-1 -gt 3) {"many"} else {"few"}; "rooms: "+$s',
    text: lines('rooms: many'),
    json: ['rooms: many'],
  },
  {
    line: '"rooms: $(Get-CsPersistentChatRoom | Measure-Object | ForEach-Object {$_.Count})"',
    text: lines('rooms: 6'),
    json: ['rooms: 6'],
  },
  {line: '"$((Get-CsPersistentChatRoom).Count) rooms"', text: lines('6 rooms'), json: ['6 rooms']},
  {
    line: `if ("${POOL}\\ItRoom" -match "^(?<pool>[^\\\\]+)\\\\(.+)$") { $Matches.pool; $Matches[1] }`,
    text: lines(POOL, 'ItRoom'),
    json: [POOL, 'ItRoom'],
  },
  {
    line: '$d = [datetime]"2026-03-04"; ($d - $d.AddDays(-7)).TotalHours; $d.DayOfWeek; $d.ToString("yyyy-MM-dd")',
    text: lines('168', 'Wednesday', '2026-03-04'),
    json: [168, 'Wednesday', '2026-03-04'],
  },
  {
    line: '[datetime]"2026-03-04"',
    text: block('Wednesday, March 4, 2026 12:00:00 AM'),
    json: ['2026-03-04T00:00:00.000Z'],
  },
  {
    line: `(Get-PcChatMessage -Room "${POOL}\\ItRoom" -StartDate (Get-Date).AddYears(-50)).Count`,
    text: lines('5'),
    json: [5],
  },
  {
    line: 'Get-CsPersistentChatRoom | ForEach-Object -Begin {$n = 0} -Process {$n += 1} -End {"$n rooms"}',
    text: lines('6 rooms'),
    json: ['6 rooms'],
  },
  {
    line: 'Get-CsPersistentChatRoom | Select-Object -First 2 | % {"start"} {$_.Name} {"done"}',
    text: lines('start', 'EmeaRoom', 'HelpDeskChatRoom', 'done'),
    json: ['start', 'EmeaRoom', 'HelpDeskChatRoom', 'done'],
  },

  // --- Compound assignment, @( ), string methods, hashtable values, calculated properties ---
  {line: '$a = 1,2; $a += 3; $a.Count', text: lines('3'), json: [3]},
  {line: '$i = 5; $i++; $i++; $i--; $i', text: lines('6'), json: [6]},
  {line: '@(Get-CsPersistentChatRoom -Privacy Secret).Count', text: lines('1'), json: [1]},
  {line: '@(1 + 2).Count', text: lines('1'), json: [1]},
  {line: '@().Count', text: lines('0'), json: [0]},
  {line: `('{"Name":"ItRoom","Size":3}' | ConvertFrom-Json).Size + 1`, text: lines('4'), json: [4]},
  {line: '"abc".Length', text: lines('3'), json: [3]},
  {line: '"  ItRoom  ".Trim().ToUpper()', text: lines('ITROOM'), json: ['ITROOM']},
  {line: `"${POOL}\\ItRoom".Substring(20)`, text: lines('ItRoom'), json: ['ItRoom']},
  {line: '"a,b;c".Split(",;") -join "|"', text: lines('a|b|c'), json: ['a|b|c']},
  {line: '"7".PadLeft(3, "0")', text: lines('007'), json: ['007']},
  {line: '"a.b.c".Replace(".", "-")', text: lines('a-b-c'), json: ['a-b-c']},
  {line: '(1,2,3).Contains(2)', text: lines('True'), json: [true]},
  {
    line: '"abc".Reverse()',
    ...failed({
      cmdlet: 'Expression',
      errorId: 'MethodNotFound',
      message: "Method invocation failed because [System.String] does not contain a method named 'Reverse'.",
      target: null,
    }),
  },
  {line: '$h = @{Size=1+2}; $h.Size', text: lines('3'), json: [3]},
  {line: '$h = @{N=-not $true}; $h.N', text: lines('False'), json: [false]},
  {
    line: 'Get-CsPersistentChatRoom | Sort-Object {$_.Name.Length},Name | ForEach-Object {$_.Name}',
    text: lines('ItRoom', 'EmeaRoom', 'HelpRoom', 'LisbonRoom', 'ProjectsRoom', 'HelpDeskChatRoom'),
    json: ['ItRoom', 'EmeaRoom', 'HelpRoom', 'LisbonRoom', 'ProjectsRoom', 'HelpDeskChatRoom'],
  },
  {
    line: 'Get-CsPersistentChatRoom | Select-Object -First 2 @{n="Room";e={$_.Name}},@{l="Members";e={$_.Members.Count}} | ConvertTo-Csv -NoTypeInformation',
    text: lines('"Room","Members"', '"EmeaRoom","0"', '"HelpDeskChatRoom","0"'),
    json: ['"Room","Members"', '"EmeaRoom","0"', '"HelpDeskChatRoom","0"'],
  },
];
