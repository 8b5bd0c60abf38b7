# Demo setup: the cmdlet lines that create what the demo deployment (deployment.json) does not
# hold: policies, settings, endpoints, categories, rooms and add-ins. Run by `pchat init --setup`
# and when the default store is created; every line is an ordinary documented cmdlet line.

# --- Policies, settings and endpoints ---
# The Global policy stays disabled (as installed); site DC1 and two per-user policies enable chat.
New-CsPersistentChatPolicy -Identity "site:DC1" -EnablePersistentChat $True -Description "Persistent Chat for the users of site DC1"
New-CsPersistentChatPolicy -Identity "DC1PersistentChatPolicy" -EnablePersistentChat $True -Description "Persistent Chat enabled"
New-CsPersistentChatPolicy -Identity "DC1UsersPersistentChatPolicy" -EnablePersistentChat $True -Description "Persistent Chat for DC1 help desk users"
Grant-CsPersistentChatPolicy -Identity "Jordan Lee" -PolicyName "DC1UsersPersistentChatPolicy"
Grant-CsPersistentChatPolicy -Identity "sip:casey.smith@example.org" -PolicyName "DC1UsersPersistentChatPolicy"

# Service settings of site DC1, and compliance output for site DC1 and for pool pc1 (compliance is enabled there).
New-CsPersistentChatConfiguration -Identity "site:DC1" -ParticipantUpdateLimit 100
New-CsPersistentChatComplianceConfiguration -Identity "site:DC1" -AddUserDetails $True -AddChatRoomDetails $True
New-CsPersistentChatComplianceConfiguration -Identity "service:PersistentChatServer:pc1.dc1.example.org" -OneChatRoomPerOutputFile $True -RunInterval "00:30:00"

# One endpoint per pool, standing for the one the installer creates (the pool's default URI).
New-CsPersistentChatEndpoint -SipAddress "sip:pc1chat@example.org" -PersistentChatPoolFqdn "pc1.dc1.example.org" -DisplayName "DC1 Persistent Chat"
New-CsPersistentChatEndpoint -SipAddress "sip:pc2chat@example.org" -PersistentChatPoolFqdn "pc2.dc2.example.org" -DisplayName "DC2 Persistent Chat"

# --- Categories, rooms and add-ins ---
# The content of rooms-and-content.md section 7 on pc1 (the demo has two pools, so every line names it).
# Add-ins first, so that rooms can name them.
New-CsPersistentChatAddin -Name "ItDashboard" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Url "https://pc1.dc1.example.org/itdash"
New-CsPersistentChatAddin -Name "ItStatusAddin" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Url "https://pc1.dc1.example.org/itstatus"

# Categories: IT is open to the whole domain and its creators are the IT department; ITChat is for IT only.
New-CsPersistentChatCategory -Name "IT" -PersistentChatPoolFqdn "pc1.dc1.example.org" -EnableFileUpload -EnableInvitations
Set-CsPersistentChatCategory -Identity "pc1.dc1.example.org\IT" -AllowedMembers @{Add="DC=example,DC=org"} -Creators @{Add="OU=IT,DC=example,DC=org"}
New-CsPersistentChatCategory -Name "ITChat" -PersistentChatPoolFqdn "pc1.dc1.example.org"
Set-CsPersistentChatCategory -Identity "pc1.dc1.example.org\ITChat" -AllowedMembers @{Add="OU=IT,DC=example,DC=org"}
New-CsPersistentChatCategory -Name "HelpDesk" -PersistentChatPoolFqdn "pc1.dc1.example.org" -EnableFileUpload
New-CsPersistentChatCategory -Name "Projects" -PersistentChatPoolFqdn "pc1.dc1.example.org"
New-CsPersistentChatCategory -Name "Sandbox" -PersistentChatPoolFqdn "pc1.dc1.example.org"

# Rooms: ItRoom holds the demo's messages (deployment.json); HelpRoom is secret and shows the IT dashboard.
New-CsPersistentChatRoom -Name "ItRoom" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Category "IT" -Description "General IT chat room"
Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\ItRoom" -Members @{Add="sip:ana@example.org", "sip:ben@example.org"} -Managers @{Add="sip:ana@example.org"}
New-CsPersistentChatRoom -Name "LisbonRoom" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Category "IT"
New-CsPersistentChatRoom -Name "EmeaRoom" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Category "IT" -Privacy "Open"
New-CsPersistentChatRoom -Name "HelpRoom" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Category "ITChat" -Privacy "Secret" -Addin "ItDashboard"
Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\HelpRoom" -Members @{Add="sip:ben@example.org"}
New-CsPersistentChatRoom -Name "ProjectsRoom" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Category "Projects" -Type "Auditorium"

# The topology fixture's auditorium: everyone in ITChat may listen, the ChatSupport group presents.
New-CsPersistentChatRoom -Name "HelpDeskChatRoom" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Category "ITChat" -Type "Auditorium"
Set-CsPersistentChatRoom -Identity "pc1.dc1.example.org\HelpDeskChatRoom" -Presenters @{Add="CN=ChatSupport,OU=IT,DC=example,DC=org"}
