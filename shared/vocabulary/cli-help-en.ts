/**
 * The longer help of each `keyslot` command (`keyslot COMMAND --help`), by command path. English only:
 * the CLI speaks English. cli/ takes its help from here; a new command adds its entry here.
 */
export const CLI_HELP_EN: Record<string, string> = {
  'backup create':
    'Creates FILE (never over an existing file), encrypted with AES-256-GCM under a key made from the password with scrypt. The password comes from KEYSLOT_BACKUP_PASSWORD or is asked twice; it cannot be recovered. Without an account the backup starts empty; keyslot otp add --backup FILE adds to it. The token is not touched.',
  'backup restore':
    'Opens the whole backup first: a wrong password, a damaged, cut-short or altered file, or one from a newer keyslot restores nothing. Accounts go back to the slots they were in when those are free, else to the first free slot of their kind; if any account does not fit the token, nothing is written. A TOTP account the token holds already (a slot of the same name giving the same code) is left out; HOTP slots are not compared, since that would use up a code. You review the list first (--yes for scripts); each slot is verified after writing (HOTP: one counter step). HOTP counters are those of the time of the backup; a site may be ahead of them.',
  'backup sheet':
    'The sheet holds every secret in the clear: print it and delete the file. It is written with mode 0600 and never over an existing file.',
  code: 'An exact slot name wins; otherwise every slot whose name contains QUERY, ignoring case. With more than one match the slots are listed on stdout and keyslot exits 2, unless --first takes the first in slot order (TOTP, then HOTP). For TOTP the token’s clock is set first; a HOTP code advances its counter. For rofi or dmenu: keyslot otp list --json | jq -r ".[]|select(.isEmpty|not).name" | rofi -dmenu | xargs -r -d "\\\\n" keyslot code',
  completion:
    'Commands, options and their values are completed, and a SLOT with the slot numbers and the names of the slots on the token --device names (or the first one plugged in), when it answers within 1.5 s. bash: eval "$(keyslot completion bash)" in ~/.bashrc. zsh: source <(keyslot completion zsh) after compinit. fish: keyslot completion fish > ~/.config/fish/completions/keyslot.fish.',
  'otp add':
    'Reads otpauth:// URIs and Google Authenticator exports (otpauth-migration://, one QR code or several: give every image or URI). Each account goes to the first free slot of its kind unless --slot says where (one account only). Names are "Issuer:account" cut to 15 bytes. What the token cannot do (SHA256/SHA512, digits other than 6 or 8, long secrets, more accounts than free slots) is refused before anything is written. With several accounts, a changed name or a replaced slot you are asked to confirm the list (--yes for scripts). --backup FILE adds the accounts to an encrypted backup first (password from KEYSLOT_BACKUP_PASSWORD or asked). After writing, keyslot compares the token\'s code with the code the secret gives (HOTP: this uses one counter step) and prints the code to type into the site. URIs on the command line show in the process list; --qr or --uri - (standard input) do not.',
  'otp set':
    'SLOT is totp:1..15, hotp:1..3 or the name of a programmed slot. --name is needed unless --uri gives an issuer or account (then "Issuer:account", cut to 15 bytes). Names take up to 15 bytes in UTF-8; secrets up to 40 bytes (20 on old firmware). Codes are HMAC-SHA1, so URIs with another algorithm are refused. The input is checked before the PIN is asked.',
  'otp rename':
    'SLOT is totp:1..15, hotp:1..3 or the name of a programmed slot; NEW-NAME takes up to 15 bytes in UTF-8. The secret, digits, time step or counter and the other settings stay as they are, so the codes do not change. The name is checked before the admin PIN is asked (KEYSLOT_ADMIN_PIN, else asked on a terminal). Old firmware needs the secret with every write: there, write the slot anew with keyslot otp set.',
  'otp list': 'HOTP counters are decimal strings in --json output, since they may exceed 2^53.',
  'otp get':
    "SLOT is totp:1..15, hotp:1..3 or a slot name. Prints the code alone. For TOTP the token's clock is set to this computer's time first; if the token refuses because its clock would go back, check this computer's clock and run keyslot time set --force. HOTP advances the slot's counter. If the config needs the OTP PIN, the user PIN is asked (or read from KEYSLOT_USER_PIN).",
  'time set':
    "Without --force the token refuses a time a minute or more before the last time it was set. Use --force when this computer's clock is right and the token's is ahead.",
  'pin set':
    'The current PIN comes from KEYSLOT_ADMIN_PIN or KEYSLOT_USER_PIN, the new one from KEYSLOT_NEW_PIN; on a terminal they are asked (the new one twice). The card needs at least 8 characters for the admin PIN and 6 for the user PIN.',
  'pin unlock':
    'The admin PIN comes from KEYSLOT_ADMIN_PIN, the new user PIN from KEYSLOT_NEW_PIN; on a terminal they are asked.',
  reset:
    'Erases all OTP slots and password safe entries and sets both PINs back to the factory defaults. On a terminal you confirm by typing "reset"; scripts pass --yes.',
  'pws get': 'With one of --name, --login or --password only that field is printed, alone on its line.',
  'pws init':
    'Needed once on a new token and after a factory reset. It destroys every password safe entry; on a Nitrokey Pro even a wrong admin PIN destroys them. On a terminal you confirm by typing "init"; scripts pass --yes.',
  'config set':
    "Options left out keep their value. A lock key set to hotp:N types that slot's code when the key is pressed twice.",
  'virtual serve':
    'Runs until SIGINT or SIGTERM. Programs started with LD_PRELOAD set to the path of keyslot virtual shim-path and KEYSLOT_VIRTUAL_SOCKET=PATH see the token as USB HID. --model and --firmware apply when FILE is created; an existing FILE keeps its model. With --model nk3 a virtual Nitrokey 3 (the Secrets app over CTAPHID) is served: on the socket for hidapi programs, and with --vpcd as the card in the vsmartcard reader for PC/SC programs; --touch ask makes it wait for keyslot virtual touch --socket PATH (or its 15 s timeout).',
  'virtual touch':
    'Presses the touch button of a virtual Nitrokey 3 served with keyslot virtual serve --model nk3 --touch ask --socket PATH. Says whether a request was waiting.',
};
