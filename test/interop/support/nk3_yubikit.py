"""yubikit's OathSession (Debian yubikey-manager, not written here) as a YKOATH client of the virtual
Nitrokey 3 through pcscd and vsmartcard-vpcd.

The only change to yubikit: its fetch instruction for `61 xx` answers is GET RESPONSE (00 C0), which is
what the Nitrokey 3's CCID layer answers (reference nitrokey3-secrets.md §2.4, §11.2); yubikit's own
A5 (SEND REMAINING) reaches the Secrets app there and gets 6985.

Usage: python3 nk3_yubikit.py READER TIMESTAMP JSON_PUTS
  JSON_PUTS: [{"issuer", "name", "type": "TOTP"|"HOTP", "algorithm": "SHA1"|"SHA256",
              "secret_hex", "digits", "period", "counter"}] put before listing.
Prints JSON: {"version", "before": [ids], "after": [{"id", "type", "period", "code"}]}.
"""
import json
import sys

import yubikit.oath as oath
from ykman.pcsc import ScardSmartCardConnection, list_readers
from yubikit.oath import HASH_ALGORITHM, OATH_TYPE, CredentialData, OathSession

oath.INS_SEND_REMAINING = 0xC0  # GET RESPONSE instead of A5 (see above)


def main():
    reader_name, timestamp, puts = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
    reader = next(r for r in list_readers() if r.name.startswith(reader_name))
    session = OathSession(ScardSmartCardConnection(reader.createConnection()))
    before = [c.id.decode() for c in session.list_credentials()]
    for p in puts:
        session.put_credential(
            CredentialData(
                name=p["name"],
                oath_type=OATH_TYPE[p["type"]],
                hash_algorithm=HASH_ALGORITHM[p["algorithm"]],
                secret=bytes.fromhex(p["secret_hex"]),
                digits=p["digits"],
                period=p["period"],
                counter=p["counter"],
                issuer=p["issuer"],
            )
        )
    after = []
    for c in session.list_credentials():
        code = session.calculate_code(c, timestamp).value
        after.append({"id": c.id.decode(), "type": c.oath_type.name, "period": c.period, "code": code})
    print(json.dumps({"version": list(session.version), "before": before, "after": after}))


main()
