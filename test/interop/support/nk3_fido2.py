"""python3-fido2 (Debian) as an independent CTAPHID host for the virtual Nitrokey 3.

Loads keyslot's hidapi shim (native/hidapi-shim.c) with ctypes, finds the device on the FIDO usage
page, and hands fido2.hid.CtapHidDevice a connection over it: fido2 does the channel allocation
(INIT + nonce check) and the packet framing. Then sends vendor command 0x70 with the APDUs given as
hex arguments and prints one JSON object: INIT facts and each 0x70 answer payload as hex.

Usage: KEYSLOT_VIRTUAL_SOCKET=... python3 nk3_fido2.py SHIM_SO APDU_HEX...
"""
import ctypes
import json
import sys

from fido2.hid import CtapHidDevice
from fido2.hid.base import CtapHidConnection, HidDescriptor


class HidDeviceInfo(ctypes.Structure):
    pass


HidDeviceInfo._fields_ = [
    ("path", ctypes.c_char_p),
    ("vendor_id", ctypes.c_ushort),
    ("product_id", ctypes.c_ushort),
    ("serial_number", ctypes.c_wchar_p),
    ("release_number", ctypes.c_ushort),
    ("manufacturer_string", ctypes.c_wchar_p),
    ("product_string", ctypes.c_wchar_p),
    ("usage_page", ctypes.c_ushort),
    ("usage", ctypes.c_ushort),
    ("interface_number", ctypes.c_int),
    ("next", ctypes.POINTER(HidDeviceInfo)),
    ("bus_type", ctypes.c_int),
]


class ShimConnection(CtapHidConnection):
    """64-byte packets through hid_write / hid_read_timeout of the shim."""

    def __init__(self, lib, dev):
        self.lib = lib
        self.dev = dev

    def write_packet(self, data):
        buf = b"\0" + bytes(data)
        if self.lib.hid_write(self.dev, buf, len(buf)) != len(buf):
            raise OSError("hid_write failed")

    def read_packet(self):
        buf = ctypes.create_string_buffer(64)
        n = self.lib.hid_read_timeout(self.dev, buf, 64, 10000)
        if n != 64:
            raise OSError("hid_read_timeout returned %d" % n)
        return buf.raw

    def close(self):
        self.lib.hid_close(self.dev)


def main():
    lib = ctypes.CDLL(sys.argv[1])
    lib.hid_enumerate.restype = ctypes.POINTER(HidDeviceInfo)
    lib.hid_open_path.restype = ctypes.c_void_p
    lib.hid_open_path.argtypes = [ctypes.c_char_p]
    lib.hid_write.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t]
    lib.hid_read_timeout.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_int]
    lib.hid_close.argtypes = [ctypes.c_void_p]
    infos = lib.hid_enumerate(0, 0)
    if not infos:
        raise SystemExit("no HID device")
    info = infos.contents
    dev = lib.hid_open_path(info.path)
    if not dev:
        raise SystemExit("hid_open_path failed")
    descriptor = HidDescriptor(info.path.decode(), info.vendor_id, info.product_id, 64, 64)
    ctap = CtapHidDevice(descriptor, ShimConnection(lib, dev))
    out = {
        "vid": info.vendor_id,
        "pid": info.product_id,
        "usage_page": info.usage_page,
        "usage": info.usage,
        "product": info.product_string,
        "ctaphid_version": ctap.version,
        "device_version": list(ctap.device_version),
        "capabilities": ctap.capabilities,
        "answers": [ctap.call(0x70, bytes.fromhex(apdu)).hex() for apdu in sys.argv[2:]],
    }
    try:
        ctap.call(0x73, b"")
        out["vendor_0x73"] = "answered"
    except Exception as e:  # the device has no app on 0x73: CTAPHID ERROR 01 (reference §3.4)
        out["vendor_0x73"] = "error %d" % int(e.code)
    ctap.close()
    print(json.dumps(out))


main()
