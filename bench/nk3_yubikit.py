"""npm run bench (bench/nk3.ts): yubikit's OathSession (Debian yubikey-manager) doing what keyslot does on
the same virtual Nitrokey 3 through pcscd and vpcd: one TOTP code, and the list of credentials.
As in test/interop/support/nk3_yubikit.py, the only change to yubikit is GET RESPONSE (00 C0) as its fetch
instruction (reference nitrokey3-secrets.md §2.4, §11.2).

Usage: python3 nk3_yubikit.py READER NAME ROUNDS
Prints JSON: {"open_ms", "code_ms": [...], "list_ms": [...], "listed", "code"} (milliseconds per call).
"""
import json
import sys
import time

import yubikit.oath as oath
from ykman.pcsc import ScardSmartCardConnection, list_readers
from yubikit.oath import OathSession

oath.INS_SEND_REMAINING = 0xC0


def main():
    reader_name, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    t0 = time.perf_counter()
    reader = next(r for r in list_readers() if r.name.startswith(reader_name))
    session = OathSession(ScardSmartCardConnection(reader.createConnection()))
    open_ms = (time.perf_counter() - t0) * 1000
    creds = session.list_credentials()
    cred = next(c for c in creds if c.id.decode() == name)
    code_ms, list_ms, code = [], [], None
    for _ in range(rounds):
        t = time.perf_counter()
        code = session.calculate_code(cred).value
        code_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        listed = len(session.list_credentials())
        list_ms.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"open_ms": open_ms, "code_ms": code_ms, "list_ms": list_ms, "listed": listed, "code": code}))


main()
