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
# (Filled in with the content of rooms-and-content.md section 7: categories, rooms and add-ins.)
